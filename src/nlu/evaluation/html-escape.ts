// Escaping for text placed in HTML and SVG.
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** Rough rendered width in px at 12px sans-serif: wide (CJK) characters count double. */
export const textWidth = (s: string, px = 12): number =>
  [...s].reduce((w, c) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]/.test(c) ? px : px * 0.6), 0);

export const fixed = (n: number, digits = 3): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');
