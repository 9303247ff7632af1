// Fills `{slot}` placeholders in response templates, as Rasa's format-style interpolation does.

const PLACEHOLDER = /\{\{|\}\}|\{([^\n{}]+?)\}/g;

/** Python's str() for the values Rasa interpolates, so texts read the same as under Rasa. */
function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/**
 * Interpolates one string. Any unknown key leaves the whole template as written (Rasa logs and
 * returns the template); `{{` and `}}` are escapes for literal braces.
 */
export function interpolateText(template: string, values: Readonly<Record<string, unknown>>): string {
  let unknown = false;
  const out = template.replace(PLACEHOLDER, (match, key: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    const name = (key ?? '').trim();
    if (!Object.prototype.hasOwnProperty.call(values, name)) {
      unknown = true;
      return match;
    }
    return pythonStr(values[name]);
  });
  return unknown ? template : out;
}

/** Interpolates every string inside a value (objects and lists recursively). */
export function interpolate<T>(value: T, values: Readonly<Record<string, unknown>>): T {
  if (typeof value === 'string') return interpolateText(value, values) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => interpolate(v, values)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolate(v, values);
    return out as T;
  }
  return value;
}

/** The response keys Rasa interpolates; other keys (id, channel, condition...) stay as written. */
export const INTERPOLATED_KEYS = ['text', 'image', 'custom', 'buttons', 'attachment', 'quick_replies'] as const;
