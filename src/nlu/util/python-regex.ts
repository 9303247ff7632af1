// Rasa users write Python regexes (regex features, token_pattern); translate the common differences to JS.

export interface CompiledPattern { regex: RegExp; unicode: boolean }

/**
 * Compile a Python-flavoured pattern: `(?P<name>` → `(?<name>`, `(?P=name)` → `\k<name>`, leading
 * inline flags (`(?i)`, `(?u)`) become JS flags. Tries Unicode mode first (needed for `\p{..}`),
 * falls back to legacy mode for patterns with identity escapes that Unicode mode rejects.
 */
export function compilePythonRegex(pattern: string, flags: string): CompiledPattern {
  let source = pattern.replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>').replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>');
  let extra = '';
  const inline = /^\(\?([aiLmsux]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    for (const f of inline[1] ?? '') if ('ims'.includes(f) && !flags.includes(f) && !extra.includes(f)) extra += f;
  }
  try {
    return { regex: new RegExp(source, `${flags}${extra}u`), unicode: true };
  } catch {
    return { regex: new RegExp(source, `${flags}${extra}`), unicode: false };
  }
}

export const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
