/**
 * Numbers in model answers: thousands separators (`1,234`, `1 234` with no-break spaces, `1'234`), decimal comma
 * (`1.234,5`, `3,5`), `.5`, exponents, signs (`-`, `+`, `−`), percent (`%`, `percent`, `pct`, `per cent`),
 * currency symbols and units around the number (`$5`, `12 cm`), scale words (`1.5 million`) and English number
 * words (`twenty-one`, `one hundred and five`, `a dozen`). One linear scan on char codes; never throws.
 *
 * Math-Verify's expression extraction (math.md) is the reference for separators, decimal comma and percent; the
 * eval suites (protocols.md §D) read only `\d+`, which misses "twenty" and `1,000`.
 */
import {
  digitValue,
  isAsciiLetter,
  isAsciiWord,
  isCurrencySymbol,
  isDigit,
  isPyWhitespace,
  skipWhitespace,
  trimEnd,
} from './chars.js'
import {
  CENT,
  lookupWord,
  nextWordStart,
  PER,
  PERCENT,
  readNumberWords,
  scaleWordValue,
  wordEnd,
  wordsResult,
} from './number-words.js'

export interface ParsedNumber {
  /** the value as written: `25%` gives 25 with `percent: true` (see `numberValue`) */
  value: number
  percent: boolean
  /** written in words ("twenty-one") */
  words: boolean
  /** span in the text, sign and percent sign included */
  start: number
  end: number
}

export interface NumberOptions {
  /**
   * Which separator is the decimal one. `point` (English): `1,234.5`. `comma` (European): `1.234,5`. `auto`
   * (default): English, except that a number grouped with dots (`1.234.567`, `1.234,5`) is read as European, and
   * `parseNumber` of a lone `3,5` gives 3.5; while scanning text, `3,5` stays two numbers (lists, coordinates).
   */
  decimal?: 'point' | 'comma' | 'auto'
  /** Read English number words. Default true. */
  words?: boolean
}

/** The value a number stands for: `25%` → 0.25. */
export function numberValue(n: ParsedNumber): number {
  return n.percent ? n.value / 100 : n.value
}

const COMMA = 44
const DOT = 46
const QUOTE = 39
const MINUS = 45
const PLUS = 43
const UNICODE_MINUS = 0x2212

/** Thousands separators used in both conventions: apostrophe and the no-break / thin spaces. */
function isSpaceGroup(c: number): boolean {
  return c === QUOTE || c === 0xa0 || c === 0x2009 || c === 0x202f
}

/** Out-parameters of `readDigits`. */
const digits = { end: 0, grouped: false, anyGroup: false, decimal: false }

/** Reads a digit token at `i` with `group`/`decimal` separator chars; fills `digits`. */
function readDigits(text: string, i: number, group: number, decimal: number): void {
  let j = i
  while (j < text.length && isDigit(text.charCodeAt(j))) j++
  const firstRun = j - i
  let groupChar = -1
  let grouped = false
  if (firstRun >= 1 && firstRun <= 3) {
    for (;;) {
      const c = text.charCodeAt(j)
      if (!(c === group || isSpaceGroup(c)) || (groupChar !== -1 && c !== groupChar)) break
      if (!isDigit(text.charCodeAt(j + 1)) || !isDigit(text.charCodeAt(j + 2)) || !isDigit(text.charCodeAt(j + 3)))
        break
      if (isDigit(text.charCodeAt(j + 4))) break
      groupChar = c
      grouped = true
      j += 4
    }
  }
  let hasDecimal = false
  if (text.charCodeAt(j) === decimal && isDigit(text.charCodeAt(j + 1))) {
    hasDecimal = true
    j++
    while (j < text.length && isDigit(text.charCodeAt(j))) j++
  }
  const e = text.charCodeAt(j)
  if (e === 101 || e === 69) {
    const s = text.charCodeAt(j + 1)
    const k = s === PLUS || s === MINUS ? j + 2 : j + 1
    if (isDigit(text.charCodeAt(k)) && !isAsciiLetter(text.charCodeAt(wordEndDigits(text, k)))) {
      j = wordEndDigits(text, k)
    }
  }
  digits.end = j
  digits.grouped = grouped && groupChar === group
  digits.anyGroup = grouped
  digits.decimal = hasDecimal
}

function wordEndDigits(text: string, k: number): number {
  while (k < text.length && isDigit(text.charCodeAt(k))) k++
  return k
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17]
const POW10_MORE = [1e18, 1e19, 1e20, 1e21, 1e22]
const pow10 = (k: number) => (k <= 17 ? (POW10[k] as number) : (POW10_MORE[k - 18] as number))

/**
 * The value of the digit token `text[start, end)`, `decimal` being its decimal separator. Exact (correctly
 * rounded) without allocating when mantissa < 2^53 and the power of ten ≤ 22 (Clinger's fast path); else `Number`.
 */
function digitsValue(text: string, start: number, end: number, decimal: number): number {
  let mant = 0
  let frac = 0
  let inFrac = false
  let exp = 0
  let exact = true
  let k = start
  for (; k < end; k++) {
    const c = text.charCodeAt(k)
    if (isDigit(c)) {
      mant = mant * 10 + digitValue(c)
      if (inFrac) frac++
    } else if (c === decimal) inFrac = true
    else if (c === 101 || c === 69) break
  }
  if (k < end) {
    const s = text.charCodeAt(k + 1)
    let e = 0
    for (let m = s === PLUS || s === MINUS ? k + 2 : k + 1; m < end; m++) e = e * 10 + digitValue(text.charCodeAt(m))
    exp = s === MINUS ? -e : e
  }
  if (mant > Number.MAX_SAFE_INTEGER) exact = false
  const p = exp - frac
  if (exact && p >= 0 && p <= 22) return mant * pow10(p)
  if (exact && p < 0 && p >= -22) return mant / pow10(-p)
  // rare (over 15 significant digits, or a large exponent): let the engine round, after mapping to ASCII
  const sep = decimal === DOT ? '.' : ','
  return Number(
    text.slice(start, end).replace(NOT_ASCII_NUMBER, (ch) => {
      const c = ch.charCodeAt(0)
      return isDigit(c) ? String(digitValue(c)) : ch === sep ? '.' : ''
    }),
  )
}

const NOT_ASCII_NUMBER = /[^0-9eE+-]/g

/** Reads a number at digit (or `.digit`) position `i` into `out.value` and `out.end`. */
function readNumber(text: string, i: number, mode: 'point' | 'comma' | 'auto', whole: boolean, out: ParsedNumber) {
  let decimal = mode === 'comma' ? COMMA : DOT
  readDigits(text, i, mode === 'comma' ? DOT : COMMA, decimal)
  // the European reading can only be longer if the English one stopped at a "," or "." before a digit
  const stop = text.charCodeAt(digits.end)
  if (mode === 'auto' && (stop === COMMA || stop === DOT) && isDigit(text.charCodeAt(digits.end + 1))) {
    const endPoint = digits.end
    readDigits(text, i, DOT, COMMA)
    if (digits.end > endPoint && (digits.grouped || whole || (digits.anyGroup && digits.decimal))) decimal = COMMA
    else digits.end = endPoint // only `end` of the English reading is used below
  }
  let end = digits.end
  let value = digitsValue(text, i, end, decimal)
  // "1.5 million": a scale word after up to 3 spaces
  let j = end
  while (j < text.length && j - end < 3 && text.charCodeAt(j) === 32) j++
  if (j > end && isAsciiLetter(text.charCodeAt(j))) {
    const scale = scaleWordValue(text, j)
    if (scale) {
      value *= scale.value
      end = scale.end
    }
  }
  out.value = value
  out.end = end
}

/** Extends `n` over a following percent sign or word. */
function readPercent(text: string, n: ParsedNumber): void {
  let j = n.end
  while (j < text.length && j - n.end < 3 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 0xa0)) j++
  const c = text.charCodeAt(j)
  if (c === 37 || c === 0xff05) {
    n.percent = true
    n.end = j + 1
    return
  }
  if (j === n.end || !isAsciiLetter(c)) return
  const wEnd = wordEnd(text, j)
  const kind = lookupWord(text, j, wEnd)?.kind
  if (kind === PERCENT) {
    n.percent = true
    n.end = wEnd
  } else if (kind === PER) {
    const next = nextWordStart(text, wEnd)
    if (next !== -1 && lookupWord(text, next, wordEnd(text, next))?.kind === CENT) {
      n.percent = true
      n.end = wordEnd(text, next)
    }
  }
}

/** Calls `visit` on each number left to right until it returns true. */
function scan(text: string, options: NumberOptions, whole: boolean, visit: (n: ParsedNumber) => boolean): void {
  const mode = options.decimal ?? 'auto'
  const words = options.words ?? true
  const n = text.length
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i)
    const prev = i > 0 ? text.charCodeAt(i - 1) : 32
    if (isDigit(c) || (c === DOT && isDigit(text.charCodeAt(i + 1)) && !isDigit(prev))) {
      if (isAsciiWord(prev)) {
        // "x25", "H2O": not a number; skip the digits
        i++
        while (i < n && isDigit(text.charCodeAt(i))) i++
        continue
      }
      let start = i
      let sign = 1
      if (prev === MINUS || prev === PLUS || prev === UNICODE_MINUS) {
        const before = i > 1 ? text.charCodeAt(i - 2) : 32
        if (!isAsciiWord(before) && !isDigit(before) && before !== 41 && before !== 93) {
          start = i - 1
          if (prev !== PLUS) sign = -1
        }
      }
      const num: ParsedNumber = { value: 0, percent: false, words: false, start, end: i }
      readNumber(text, i, mode, whole, num)
      if (num.end <= i) {
        i++ // ".5" in comma mode is not a number
        continue
      }
      if (sign < 0 && num.value !== 0) num.value = -num.value
      readPercent(text, num)
      if (visit(num)) return
      i = num.end
      continue
    }
    if (isAsciiLetter(c)) {
      if (!isAsciiWord(prev) && words && readNumberWords(text, i)) {
        const num: ParsedNumber = {
          value: wordsResult.value,
          percent: false,
          words: true,
          start: i,
          end: wordsResult.end,
        }
        readPercent(text, num)
        if (visit(num)) return
        i = num.end
        continue
      }
      i = wordEnd(text, i)
      continue
    }
    i++
  }
}

/**
 * Every number in the text, left to right (at most `max`, default 10,000, so a huge output stays bounded).
 * @example extractNumbers('about 1,200 cars and twenty-one bikes').map((n) => n.value) //= [1200, 21]
 */
export function extractNumbers(text: string, options: NumberOptions & { max?: number } = {}): ParsedNumber[] {
  const max = options.max ?? 10_000
  const out: ParsedNumber[] = []
  if (max <= 0) return out
  scan(text, options, false, (n) => out.push(n) >= max)
  return out
}

/**
 * The first number in the text, or undefined.
 * @example firstNumber('I count seven apples')?.value //= 7
 */
export function firstNumber(text: string, options: NumberOptions = {}): ParsedNumber | undefined {
  let found: ParsedNumber | undefined
  scan(text, options, false, (n) => {
    found = n
    return true
  })
  return found
}

/**
 * The last number in the text, or undefined.
 * @example lastNumber('3 red and 2 blue, so 5 in total')?.value //= 5
 */
export function lastNumber(text: string, options: NumberOptions = {}): ParsedNumber | undefined {
  let found: ParsedNumber | undefined
  scan(text, options, false, (n) => {
    found = n
    return false
  })
  return found
}

/** A unit or currency after the number: letters, spaces, `/ . ° ² ³ µ` and currency symbols, at most 32 chars. */
function isUnitSuffix(text: string, start: number, end: number): boolean {
  if (end - start > 32) return false
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k)
    if (isAsciiLetter(c) || isPyWhitespace(c) || isCurrencySymbol(c)) continue
    if (c === 47 || c === DOT || c === 0xb0 || c === 0xb2 || c === 0xb3 || c === 0xb5) continue
    return false
  }
  return true
}

/** Only whitespace, currency symbols and `~ ≈` before the number. */
function isPrefix(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k)
    if (!(isPyWhitespace(c) || isCurrencySymbol(c) || c === 126 || c === 0x2248)) return false
  }
  return true
}

/** Scratch for `parseNumber` (reused: it runs millions of times, and `scan` never re-enters it). */
const found: ParsedNumber[] = []
const collectUpTo3 = (n: ParsedNumber) => found.push(n) >= 3

/**
 * The text read as exactly one number: currency and a unit may surround it (`$1,200`, `12 cm`, `25 %`); a simple
 * fraction `a/b` is its quotient. Undefined when there is no number, or more than one ("5 or 6", "1, 2").
 * @example parseNumber(' $1,234.50 ')?.value //= 1234.5
 * @example parseNumber('3,5')?.value //= 3.5
 * @example parseNumber('5 or 6') //= undefined
 */
export function parseNumber(text: string, options: NumberOptions = {}): ParsedNumber | undefined {
  found.length = 0
  scan(text, options, true, collectUpTo3)
  const first = found[0]
  if (!first || found.length > 2) return undefined
  const start = skipWhitespace(text, 0)
  const end = trimEnd(text, text.length, start)
  if (!isPrefix(text, start, first.start)) return undefined
  if (found.length === 1) return isUnitSuffix(text, first.end, end) ? first : undefined
  const second = found[1] as ParsedNumber
  if (first.percent || second.percent || first.words || second.words) return undefined
  if (!Number.isInteger(first.value) || !Number.isInteger(second.value) || second.value === 0) return undefined
  let k = skipWhitespace(text, first.end)
  if (text.charCodeAt(k) !== 47) return undefined
  k = skipWhitespace(text, k + 1)
  if (k !== second.start || text.charCodeAt(k) === MINUS || !isUnitSuffix(text, second.end, end)) return undefined
  return { value: first.value / second.value, percent: false, words: false, start: first.start, end: second.end }
}
