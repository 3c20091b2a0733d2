/**
 * Character-level scanners shared by the video parsers. Hand-written rather than regexes because patterns such as
 * `(\d+\.?\d*)\s*-\s*(\d+\.?\d*)` backtrack quadratically on long digit runs in a backtracking engine; these scan
 * each character a bounded number of times, so a 10 MB response parses in linear time.
 */
import { skipWhitespace } from '../../parsing/chars.js'

/** ASCII `0-9` only: the reference regexes' `[0-9]` (and `\d` on the digits models emit). */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/** Index just after the digit run starting at `i` (`i` itself when there is none). */
export function digitsEnd(s: string, i: number): number {
  while (i < s.length && isDigit(s.charCodeAt(i))) i++
  return i
}

/**
 * End of the greedy match of `\d+\.?\d*` starting at `i` (which must be a digit). Greedy is also the only match a
 * regex could use whenever the next token is not a digit or a dot, which holds for every pattern in this folder.
 */
export function decimalEnd(s: string, i: number): number {
  const j = digitsEnd(s, i)
  return s.charCodeAt(j) === 46 ? digitsEnd(s, j + 1) : j
}

const DIGIT = /[0-9]/g

/**
 * Index of the first ASCII digit at or after `from`, or -1. A one-character-class regex cannot backtrack, and V8
 * searches it several times faster than a `charCodeAt` loop, which matters on 10 MB of digit-free text.
 */
export function nextDigit(s: string, from: number): number {
  DIGIT.lastIndex = from
  return DIGIT.test(s) ? DIGIT.lastIndex - 1 : -1
}

/** True when `i` starts a digit run: a digit not preceded by one (where `re.search` can first succeed). */
export function isRunStart(s: string, i: number): boolean {
  return isDigit(s.charCodeAt(i)) && (i === 0 || !isDigit(s.charCodeAt(i - 1)))
}

/**
 * A signed decimal `-?\d+(\.\d*)?` or `-?\.\d+` starting at `i` after optional spaces, as `[value, end]`; undefined
 * when there is none. No exponents, hex or empty strings (which `Number()` would accept).
 */
export function readSigned(s: string, i: number): [value: number, end: number] | undefined {
  let j = skipWhitespace(s, i)
  const start = j
  if (s.charCodeAt(j) === 45 || s.charCodeAt(j) === 43) j++
  const intEnd = digitsEnd(s, j)
  let end = intEnd
  if (s.charCodeAt(end) === 46) end = digitsEnd(s, end + 1)
  if (intEnd === j && end <= intEnd + 1) return undefined // no digits at all
  return [Number(s.slice(start, end)), end]
}

/**
 * Parses `[a, b, c, d]` starting at `i` (spaces allowed anywhere) into four numbers and the index after `]`.
 * Undefined for anything else: other lengths, non-numbers, a missing bracket.
 */
export function readQuad(s: string, i: number): [quad: [number, number, number, number], end: number] | undefined {
  let j = skipWhitespace(s, i)
  if (s.charCodeAt(j) !== 91) return undefined
  const out: [number, number, number, number] = [0, 0, 0, 0]
  j++
  for (let k = 0; k < 4; k++) {
    const n = readSigned(s, j)
    if (!n) return undefined
    out[k] = n[0]
    j = skipWhitespace(s, n[1])
    const want = k < 3 ? 44 : 93
    if (s.charCodeAt(j) !== want) return undefined
    j++
  }
  return [out, j]
}
