/**
 * English number words ("seven", "twenty-one", "one hundred and five", "a dozen", "3 million"), read in place on
 * char codes: no allocation per word, so a prose answer costs a hash per word. No npm library does this without
 * allocating a token array per call (`words-to-numbers` splits and lowercases the whole text), hence by hand.
 */
import { isAsciiLetter } from './chars.js'

const ZERO = 0
const UNIT = 1
const TEEN = 2
const TENS = 3
const HUNDRED = 4
const DOZEN = 5
const SCALE = 6
const A = 7
const AND = 8
/** `percent`, `pct` */
export const PERCENT = 9
/** `per` (of "per cent") */
export const PER = 10
/** `cent` */
export const CENT = 11

interface WordEntry {
  word: string
  value: number
  kind: number
}

const WORDS: readonly [string, number, number][] = [
  ['zero', 0, ZERO],
  ...(
    [
      'one',
      'two',
      'three',
      'four',
      'five',
      'six',
      'seven',
      'eight',
      'nine',
      'ten',
      'eleven',
      'twelve',
      'thirteen',
      'fourteen',
      'fifteen',
      'sixteen',
      'seventeen',
      'eighteen',
      'nineteen',
    ] as const
  ).map((w, k): [string, number, number] => [w, k + 1, k < 9 ? UNIT : TEEN]),
  ...(['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const).map(
    (w, k): [string, number, number] => [w, (k + 2) * 10, TENS],
  ),
  ['hundred', 100, HUNDRED],
  ['dozen', 12, DOZEN],
  ['thousand', 1e3, SCALE],
  ['million', 1e6, SCALE],
  ['billion', 1e9, SCALE],
  ['trillion', 1e12, SCALE],
  ['a', 1, A],
  ['an', 1, A],
  ['and', 0, AND],
  ['percent', 0, PERCENT],
  ['pct', 0, PERCENT],
  ['per', 0, PER],
  ['cent', 0, CENT],
]

/** First letters a number in words can start with (zero–ninety, "a"/"an"), lower case. */
const STARTS: boolean[] = []
for (const ch of 'zotfsena') STARTS[ch.charCodeAt(0)] = true

/** Longest word in the table; longer words are skipped without hashing. */
const MAX_WORD = 9

function hashWord(text: string, start: number, end: number): number {
  let h = 0
  for (let k = start; k < end; k++) h = (Math.imul(h, 31) + (text.charCodeAt(k) | 32)) | 0
  return h
}

const TABLE = new Map<number, WordEntry>()
for (const [word, value, kind] of WORDS) {
  const h = hashWord(word, 0, word.length)
  if (TABLE.has(h)) throw new Error(`number-words: hash collision on "${word}"`) // static table: fails every test if edited badly
  TABLE.set(h, { word, value, kind })
}

/** Index just after the ASCII word starting at `i`. */
export function wordEnd(text: string, i: number): number {
  while (i < text.length && isAsciiLetter(text.charCodeAt(i))) i++
  return i
}

/** The table entry for `text[start, end)` (case-insensitive), or undefined. */
export function lookupWord(text: string, start: number, end: number): WordEntry | undefined {
  const len = end - start
  if (len === 0 || len > MAX_WORD) return undefined
  const e = TABLE.get(hashWord(text, start, end))
  if (!e || e.word.length !== len) return undefined
  for (let k = 0; k < len; k++) if ((text.charCodeAt(start + k) | 32) !== e.word.charCodeAt(k)) return undefined
  return e
}

/** Start of the next word after the word ending at `end`: one hyphen, or up to 3 spaces; -1 if none. */
export function nextWordStart(text: string, end: number): number {
  let j = end
  if (text.charCodeAt(j) === 45) j++
  else while (j < text.length && j - end < 3 && text.charCodeAt(j) === 32) j++
  return j > end && j < text.length && isAsciiLetter(text.charCodeAt(j)) ? j : -1
}

function kindAt(text: string, start: number): number {
  if (start < 0) return -1
  return lookupWord(text, start, wordEnd(text, start))?.kind ?? -1
}

/** Out-parameters of `readNumberWords` (so a call allocates nothing). */
export const wordsResult = { value: 0, end: 0 }

/**
 * Reads a number written in words starting at `i` (the start of an ASCII word). Returns false if it is not one;
 * else fills `wordsResult`. Only well-formed English is read: "one two" is two numbers, "twenty twelve" too.
 */
export function readNumberWords(text: string, i: number): boolean {
  if (!STARTS[text.charCodeAt(i) | 32]) return false // most prose words fail here, before hashing
  let total = 0
  let cur = 0
  let last = -1
  let groupHasHundred = false
  let lastScale = Number.POSITIVE_INFINITY
  let end = -1
  let pos = i
  for (;;) {
    const wEnd = wordEnd(text, pos)
    const e = lookupWord(text, pos, wEnd)
    if (!e) break
    const k = e.kind
    if (k === A) {
      const next = kindAt(text, nextWordStart(text, wEnd))
      if (last !== -1 || (next !== HUNDRED && next !== DOZEN && next !== SCALE)) break
      cur = 1
    } else if (k === AND) {
      const next = kindAt(text, nextWordStart(text, wEnd))
      if ((last !== HUNDRED && last !== SCALE) || (next !== UNIT && next !== TEEN && next !== TENS)) break
    } else if (k === ZERO) {
      if (last !== -1) break
      end = wEnd
      break
    } else if (k === UNIT) {
      if (last === UNIT || last === TEEN || last === DOZEN || (last === TENS && cur % 10 !== 0)) break
      cur += e.value
    } else if (k === TEEN || k === TENS) {
      if (last === UNIT || last === TEEN || last === TENS || last === DOZEN) break
      cur += e.value
    } else if (k === HUNDRED) {
      if (groupHasHundred || (last !== UNIT && last !== TEEN && last !== TENS && last !== A)) break
      cur *= 100
      groupHasHundred = true
    } else if (k === DOZEN) {
      if (last !== UNIT && last !== A) break
      cur *= 12
    } else if (k === SCALE) {
      if (e.value >= lastScale || last === -1 || last === SCALE || last === AND) break
      total += cur * e.value
      cur = 0
      groupHasHundred = false
      lastScale = e.value
    } else break
    last = k
    if (k !== A && k !== AND) end = wEnd
    pos = nextWordStart(text, wEnd)
    if (pos === -1) break
  }
  if (end === -1) return false
  wordsResult.value = total + cur
  wordsResult.end = end
  return true
}

/** Multiplier of a scale word (`hundred`, `dozen`, `thousand`, ... ) written after digits, as in "1.5 million"; else 0. */
export function scaleWordValue(text: string, start: number): { value: number; end: number } | undefined {
  const end = wordEnd(text, start)
  const e = lookupWord(text, start, end)
  return e && (e.kind === SCALE || e.kind === HUNDRED || e.kind === DOZEN) ? { value: e.value, end } : undefined
}
