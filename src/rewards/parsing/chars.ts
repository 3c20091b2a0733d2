/**
 * Character classes shared by the parsers, tested on char codes so that scanning allocates nothing.
 */

/** ASCII `0-9` or fullwidth `０-９` (CJK output). */
export function isDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19)
}

/** The digit's value; assumes `isDigit(c)`. */
export function digitValue(c: number): number {
  return c <= 57 ? c - 48 : c - 0xff10
}

const DECIMAL = /^\p{Nd}$/u

/**
 * Code units taken by Python's `\d` (on `str` patterns: any Unicode decimal digit, category Nd) at `i`, else 0.
 * Digits outside the BMP take two units. V8's Unicode tables may be a version ahead of Python's.
 */
export function pyDigitWidth(s: string, i: number): number {
  const c = s.charCodeAt(i)
  if (c >= 48 && c <= 57) return 1
  if (!(c >= 0x660)) return 0 // U+0660 is the first non-ASCII digit; NaN (past the end) is not one
  const cp = s.codePointAt(i) as number
  return DECIMAL.test(String.fromCodePoint(cp)) ? (cp > 0xffff ? 2 : 1) : 0
}

/** ASCII letter. */
export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

/** What Python's `\w` stops at for our purposes: ASCII letters, digits and `_` (CJK text next to a number is not a word). */
export function isAsciiWord(c: number): boolean {
  return isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 95
}

/**
 * Python's `\s` on `str` patterns (the characters `str.isspace()` accepts), which the reference regexes use.
 * It differs from JavaScript's `\s`: Python includes U+001C–U+001F and U+0085, and excludes U+FEFF.
 */
export function isPyWhitespace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13) || (c >= 28 && c <= 31)
  if (c < 0x85) return false
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  )
}

/** Index of the first non-whitespace char at or after `i` (Python `\s*`). */
export function skipWhitespace(text: string, i: number): number {
  while (i < text.length && isPyWhitespace(text.charCodeAt(i))) i++
  return i
}

/** Index just after the last non-whitespace char before `end`. */
export function trimEnd(text: string, end: number, start = 0): number {
  while (end > start && isPyWhitespace(text.charCodeAt(end - 1))) end--
  return end
}

/** Currency symbols a number may carry: `$ € £ ¥ ₹ ₩ ₽ ¢ ₺ ₫ ₪ ฿` and fullwidth `＄ ￥`. */
export function isCurrencySymbol(c: number): boolean {
  return (
    c === 36 ||
    c === 0xa2 ||
    c === 0xa3 ||
    c === 0xa5 ||
    c === 0x20ac ||
    c === 0x20b9 ||
    c === 0x20a9 ||
    c === 0x20bd ||
    c === 0x20ba ||
    c === 0x20ab ||
    c === 0x20aa ||
    c === 0x0e3f ||
    c === 0xff04 ||
    c === 0xffe5
  )
}
