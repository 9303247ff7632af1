// The confusion matrix as an inline SVG heat map: rows are true intents, columns predictions,
// colour is the share of the row (so small intents read as clearly as big ones).
import { escapeHtml, textWidth } from './html-escape.js';
import type { ConfusionMatrix } from './nlu-evaluation.js';

const colour = (share: number, diagonal: boolean): string => {
  if (share === 0) return '#f5f7fa';
  const light = Math.round(92 - share * 60);
  return diagonal ? `hsl(212 70% ${light}%)` : `hsl(4 75% ${light}%)`;
};

export function confusionHeatmapSvg(cm: ConfusionMatrix): string {
  const n = cm.labels.length;
  if (n === 0) return '<p class="empty">No predictions.</p>';
  const cell = Math.max(14, Math.min(44, Math.floor(640 / n)));
  const labelW = Math.min(220, Math.ceil(Math.max(...cm.labels.map((l) => textWidth(l))) + 12));
  const top = Math.ceil(labelW * 0.72) + 8;
  // the last column's label, rotated, reaches past the grid
  const width = labelW + n * cell + top;
  const height = top + n * cell + 8;
  const parts: string[] = [];
  cm.labels.forEach((label, i) => {
    const y = top + i * cell + cell / 2;
    const x = labelW + i * cell + cell / 2;
    parts.push(`<text x="${labelW - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeHtml(label)}</text>`);
    parts.push(`<text transform="translate(${x} ${top - 6}) rotate(-45)" text-anchor="start">${escapeHtml(label)}</text>`);
  });
  cm.matrix.forEach((row, i) => {
    const total = row.reduce((s, v) => s + v, 0);
    row.forEach((v, j) => {
      const x = labelW + j * cell;
      const y = top + i * cell;
      const share = total === 0 ? 0 : v / total;
      const tip = `${cm.labels[i]} → ${cm.labels[j]}: ${v}`;
      parts.push(`<rect x="${x}" y="${y}" width="${cell - 1}" height="${cell - 1}" fill="${colour(share, i === j)}"><title>${escapeHtml(tip)}</title></rect>`);
      if (v > 0 && cell >= 18) {
        const ink = share > 0.55 ? '#fff' : '#1f2933';
        parts.push(`<text x="${x + (cell - 1) / 2}" y="${y + (cell - 1) / 2}" text-anchor="middle" dominant-baseline="central" style="fill:${ink}" class="count">${v}</text>`);
      }
    });
  });
  // small matrices fit the page; on a phone they keep a readable size and scroll sideways
  const fit = n <= 20 ? `style="width:100%;height:auto;max-width:${width}px;min-width:${Math.min(width, 520)}px"` : `width="${width}" height="${height}"`;
  return `<svg class="heatmap" role="img" aria-label="intent confusion matrix" viewBox="0 0 ${width} ${height}" ${fit}>`
    + `<text x="4" y="14" class="axis">true ↓ / predicted →</text>${parts.join('')}</svg>`;
}
