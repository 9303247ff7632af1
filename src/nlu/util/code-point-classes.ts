// A class per code point, worked out once by Unicode-property regexes (slow per character) and kept:
// messages repeat the same few hundred characters.

/** Kept classes at most (a message of unusual characters cannot grow the table without bound). */
const KEPT = 65536;

/** `classify` of the code point's character, remembered per code point. */
export function codePointClasses<T>(classify: (ch: string) => T): (cp: number) => T {
  const kept = new Map<number, T>();
  return (cp) => {
    let c = kept.get(cp);
    if (c === undefined) {
      c = classify(String.fromCodePoint(cp));
      if (kept.size < KEPT) kept.set(cp, c);
    }
    return c;
  };
}
