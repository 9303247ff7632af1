// toLowerCase for the NLU's hot paths. V8 lowercases a string of one-byte characters quickly, but a
// string holding CJK characters goes through its slow path even when nothing changes; the tokens and
// units of a Chinese message are such strings, lowercased by several components of every parse.

/** text.toLowerCase(): the same string where no character has case (ASCII but A–Z, CJK ideographs). */
export function lowerCase(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && (c <= 90 || (c >= 0x80 && (c < 0x3400 || c > 0x9fff)))) return text.toLowerCase();
  }
  return text;
}
