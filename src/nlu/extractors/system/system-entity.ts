// Shapes shared by the system-entity dimensions: a match as a dimension reports it, and what it knows.

export const DIMENSIONS = ['number', 'ordinal', 'phone-number', 'email', 'url', 'time', 'amount-of-money', 'duration'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** One span a dimension recognised; `additional_info` is Duckling's `value` object. */
export interface SystemMatch {
  dim: Dimension;
  start: number;
  end: number;
  /** the entity value Rasa reports (Duckling's value.value, or {from, to} for intervals) */
  value: unknown;
  additional_info: Record<string, unknown>;
}

export interface ExtractContext {
  /** the reference instant relative expressions ("tomorrow") resolve against */
  reference: Date;
  /** IANA zone the wall-clock expressions live in */
  timezone: string;
  /** `zh`, `en`, `zh_CN`, `en_US`, … : only breaks ties (¥ is CNY for zh, JPY otherwise) */
  locale: string;
}

export type DimensionExtractor = (text: string, ctx: ExtractContext) => SystemMatch[];

/** Every regex match of a global pattern, with its groups. */
export function* matchAll(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') { re.lastIndex++; continue; }
    yield m;
  }
}

export const simpleValue = (dim: Dimension, start: number, end: number, value: unknown, extra: Record<string, unknown> = {}): SystemMatch =>
  ({ dim, start, end, value, additional_info: { value, type: 'value', ...extra } });
