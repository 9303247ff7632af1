// Masks a sensitive value for logs: digits keep their first 3 and last 4 (138****5678), other
// text keeps its first character (北***). Never returns enough to recover the value.

export interface MaskOptions {
  /** characters kept at the start of a digit string (default 3) */
  keepStart?: number;
  /** characters kept at the end of a digit string (default 4) */
  keepEnd?: number;
}

export function maskSensitive(value: unknown, opts: MaskOptions = {}): string {
  if (value === null || value === undefined) return String(value);
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
  const chars = [...text];
  const digits = text.replace(/[\s+()-]/g, '');
  const keepStart = opts.keepStart ?? 3;
  const keepEnd = opts.keepEnd ?? 4;
  if (/^\d+$/.test(digits) && digits.length > keepStart + keepEnd + 1) {
    return `${digits.slice(0, keepStart)}${'*'.repeat(digits.length - keepStart - keepEnd)}${digits.slice(-keepEnd)}`;
  }
  if (chars.length <= 1) return '***';
  return `${chars[0]}***`;
}
