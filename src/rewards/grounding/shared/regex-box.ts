/**
 * The reference repos' box regexes, matched by hand in linear time with the exact semantics of Python's `re.search`:
 * - `int` (VLM-R1 REC): `\[(\d+),\s*(\d+),\s*(\d+),\s*(\d+)]`
 * - `signed-decimal` (GUI-G²): `\[(-?\d*\.?\d+),\s*(-?\d*\.?\d+),\s*(-?\d*\.?\d+),\s*(-?\d*\.?\d+)\]`
 * Written by hand because the GUI-G² pattern backtracks quadratically on a long run of digits (`\d*` then `\d+`), and
 * a response can be megabytes long. Digits are ASCII (Python's `\d` also takes other Unicode digits; models emit
 * ASCII); `\s` is Python's.
 */
import type { BoxXYXY } from '../../geometry/index.js'
import { isPyWhitespace } from '../../parsing/chars.js'

export type RegexBoxKind = 'int' | 'signed-decimal'

const isAsciiDigit = (c: number): boolean => c >= 48 && c <= 57

/** End of one number of `kind` at `i`, or -1. The number grammar is unambiguous before `,` or `]`, so greedy is exact. */
function numEnd(text: string, i: number, kind: RegexBoxKind): number {
  let j = i
  if (kind === 'int') {
    while (isAsciiDigit(text.charCodeAt(j))) j++
    return j > i ? j : -1
  }
  if (text.charCodeAt(j) === 45) j++ // -?
  const intStart = j
  while (isAsciiDigit(text.charCodeAt(j))) j++
  if (text.charCodeAt(j) === 46) {
    // \d*\.\d+ : the dot must be followed by a digit
    const k = j + 1
    let m = k
    while (isAsciiDigit(text.charCodeAt(m))) m++
    if (m > k) return m
  }
  return j > intStart ? j : -1
}

/** The box at `[` index `i`, or undefined. */
function boxAt(text: string, i: number, kind: RegexBoxKind): BoxXYXY | undefined {
  const out = [0, 0, 0, 0]
  let j = i + 1
  for (let k = 0; k < 4; k++) {
    const end = numEnd(text, j, kind)
    if (end === -1) return undefined
    out[k] = Number(text.slice(j, end))
    j = end
    if (k < 3) {
      if (text.charCodeAt(j) !== 44) return undefined
      j++
      while (isPyWhitespace(text.charCodeAt(j))) j++
    }
  }
  return text.charCodeAt(j) === 93 ? [out[0]!, out[1]!, out[2]!, out[3]!] : undefined
}

/**
 * The first box the reference regex of `kind` finds in `text`, or undefined.
 * @example firstRegexBox('<answer>[100, 100, 200, 200]</answer>', 'int') //= [100, 100, 200, 200]
 * @example firstRegexBox('[1.5, 2, 3, 4]', 'int') //= undefined
 */
export function firstRegexBox(text: string, kind: RegexBoxKind): BoxXYXY | undefined {
  for (let i = text.indexOf('['); i !== -1; i = text.indexOf('[', i + 1)) {
    const box = boxAt(text, i, kind)
    if (box) return box
  }
  return undefined
}

/**
 * Whether the whole text is one GUI-G² format box: `re.fullmatch(r"\[\s*\d+\s*,\s*\d+\s*,\s*\d+\s*,\s*\d+\s*\]")`.
 * @example isBareIntBox('[1, 2 ,3,4]') //= true
 */
export function isBareIntBox(text: string): boolean {
  let j = 0
  if (text.charCodeAt(j) !== 91) return false
  j++
  for (let k = 0; k < 4; k++) {
    while (isPyWhitespace(text.charCodeAt(j))) j++
    const start = j
    while (isAsciiDigit(text.charCodeAt(j))) j++
    if (j === start) return false
    while (isPyWhitespace(text.charCodeAt(j))) j++
    if (text.charCodeAt(j) !== (k < 3 ? 44 : 93)) return false
    j++
  }
  return j === text.length
}
