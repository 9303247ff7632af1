// The confidence histogram as an inline SVG: per bin, correct predictions (blue) and wrong ones (red).
import type { ConfidenceHistogram } from './nlu-evaluation.js';

const W = 480;
const H = 230;
const PAD = { left: 40, right: 10, top: 14, bottom: 34 };

export function histogramSvg(h: ConfidenceHistogram): string {
  const bins = h.correct.length;
  const max = Math.max(1, ...h.correct, ...h.wrong);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const binW = plotW / bins;
  const y = (v: number): number => PAD.top + plotH - (v / max) * plotH;
  const parts: string[] = [];
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    const v = Math.round(max * t);
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v)}" y2="${y(v)}" class="grid"/><text x="${PAD.left - 6}" y="${y(v)}" text-anchor="end" dominant-baseline="middle">${v}</text>`);
  }
  for (let b = 0; b < bins; b++) {
    const x = PAD.left + b * binW;
    const c = h.correct[b] ?? 0;
    const w = h.wrong[b] ?? 0;
    const range = `${h.edges[b]}–${h.edges[b + 1]}`;
    parts.push(`<rect x="${x + 1}" y="${y(c)}" width="${binW / 2 - 1}" height="${PAD.top + plotH - y(c)}" class="ok"><title>${range}: ${c} correct</title></rect>`);
    parts.push(`<rect x="${x + binW / 2}" y="${y(w)}" width="${binW / 2 - 1}" height="${PAD.top + plotH - y(w)}" class="bad"><title>${range}: ${w} wrong</title></rect>`);
  }
  for (let b = 0; b <= bins; b += bins / 5) {
    parts.push(`<text x="${PAD.left + b * binW}" y="${H - PAD.bottom + 16}" text-anchor="middle">${h.edges[b]}</text>`);
  }
  parts.push(`<text x="${PAD.left + plotW / 2}" y="${H - 4}" text-anchor="middle" class="axis">confidence</text>`);
  return `<svg class="histogram" role="img" aria-label="confidence histogram" viewBox="0 0 ${W} ${H}" style="width:100%;height:auto;max-width:640px">${parts.join('')}</svg>`
    + '<p class="legend"><span class="swatch ok"></span>correct <span class="swatch bad"></span>wrong</p>';
}
