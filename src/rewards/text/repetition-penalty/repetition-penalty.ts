import { isSpace, splitWhitespace } from '../metrics/sequence.js'

export interface RepetitionPenaltyOptions {
  /** n of the word n-grams. Default 3 (TRL); Perception-R1 uses 20. */
  ngramSize?: number
  /** penalty when every n-gram repeats (≤ 0). Default −1 (TRL); Perception-R1 uses −2. */
  maxPenalty?: number
}

/**
 * `maxPenalty · (1 − unique n-grams / total n-grams)` over lower-cased whitespace words; 0 for text with fewer
 * than n words. Exact: words are compared by their text, n-grams by the ids of their parts.
 * @see https://github.com/huggingface/trl (trl/rewards, `get_repetition_penalty_reward`); open-r1 src/open_r1/rewards.py
 * @see https://github.com/tongxiao2002/Perception-R1 (n = 20, −2); rewards.md §5e
 * @example repetitionPenalty('a b c a b c a b c') //= -0.5714…
 */
export function repetitionPenalty(
  text: string,
  { ngramSize = 3, maxPenalty = -1 }: RepetitionPenaltyOptions = {},
): number {
  if (text.length > FAST_MAX_CHARS) return repetitionPenaltyGeneral(text, ngramSize, maxPenalty)
  const words = asciiBytes(text) ? asciiWordIds(text.length) : stringWordIds(text.toLowerCase())
  const total = words - ngramSize + 1
  if (total <= 0) return 0
  const unique =
    ngramSize === 1
      ? distinct
      : distinct ** ngramSize <= 0x7fffffff
        ? countPacked(words, ngramSize, distinct)
        : countByPairs(words, ngramSize)
  return (1 - unique / total) * maxPenalty
}

/**
 * The same penalty on strings and Maps: the path for text over `FAST_MAX_CHARS`, and what the fast path is
 * property-tested against. An n-gram's id is that of the pair (its first n − 1 words' id, its last word's id).
 */
export function repetitionPenaltyGeneral(text: string, ngramSize: number, maxPenalty: number): number {
  const vocab = new Map<string, number>()
  const word = splitWhitespace(text.toLowerCase()).map((w) => {
    const id = vocab.get(w) ?? vocab.size
    if (id === vocab.size) vocab.set(w, id)
    return id
  })
  const total = word.length - ngramSize + 1
  if (total <= 0) return 0
  const gram = word.slice()
  let unique = vocab.size
  for (let k = 2; k <= ngramSize; k++) {
    const pairs = new Map<number, number>()
    for (let i = 0; i + k <= word.length; i++) {
      const key = (gram[i] as number) * vocab.size + (word[i + k - 1] as number)
      const id = pairs.get(key) ?? pairs.size
      if (id === pairs.size) pairs.set(key, id)
      gram[i] = id
    }
    unique = pairs.size
  }
  return (1 - unique / total) * maxPenalty
}

// The fast path (≈3× the general one on ~300-char outputs): words are read in place and hashed in the split
// scan, n-grams are integer keys, and both are counted in open-addressing tables on typed arrays shared by all
// calls, so a call allocates nothing (but the lower-cased copy of non-ASCII text). The scratch is `const` and
// fixed in size because V8 then folds the arrays' bases and lengths into the code (a growable `let` table measured
// ≈1.4× slower); a table slot is live only when its stamp is the current one, so nothing is ever cleared, and each
// call sizes its tables' masks to its text, so short texts stay in a few cache lines.

/** Longest text on the fast path; it holds at most (n + 1) / 2 words, so a table of 2n slots stays half empty. */
const FAST_MAX_CHARS = 16_383
const SLOTS = 32_768
const ids = new Int32Array(FAST_MAX_CHARS)
const grams = new Int32Array(FAST_MAX_CHARS)
const stamps = new Int32Array(SLOTS)
const keyA = new Int32Array(SLOTS)
const keyB = new Int32Array(SLOTS)
const hashes = new Int32Array(SLOTS)
const values = new Int32Array(SLOTS)
let stamp = 0
/** mask of the current table: a power of two minus 1, at least twice its keys */
let mask = 0
/** distinct words of the last word scan */
let distinct = 0

/** Starts an empty table for up to `n` keys; returns its stamp. */
function newTable(n: number): number {
  mask = Math.min(SLOTS, 2 ** Math.ceil(Math.log2(2 * n + 2))) - 1
  if (++stamp === 0x7fffffff) {
    stamps.fill(0)
    stamp = 1
  }
  return stamp
}

// ASCII text (nearly all model output) is copied into `bytes` by the native encoder and split from there:
// reading a typed array costs less than `charCodeAt` on a string of unknown representation. It must find the
// same words as `stringWordIds` on `toLowerCase()`; the tests compare both with the general path.
const encoder = new TextEncoder()
const bytes = new Uint8Array(FAST_MAX_CHARS)
const SPACE = 0xff
/** ASCII byte → its lower-case form (as `toLowerCase`), whitespace → `SPACE` (no ASCII byte is 0xff). */
const FOLD = new Uint8Array(128)
for (let c = 0; c < 128; c++) FOLD[c] = isSpace(c) ? SPACE : c >= 65 && c <= 90 ? c + 32 : c

/** Copies `text` into `bytes` if it is all ASCII (one byte per UTF-16 unit). */
function asciiBytes(text: string): boolean {
  const { read, written } = encoder.encodeInto(text, bytes)
  return read === text.length && written === read
}

/**
 * Splits the ASCII text in `bytes[0, len)`, lower-cased, on whitespace into `ids`, equal words sharing an id (0, 1,
 * … in order of first appearance); returns the count and leaves the number of distinct words in `distinct`. A
 * word's key is its span; its hash is kept beside it so that only equal hashes compare text.
 */
function asciiWordIds(len: number): number {
  const b = bytes
  const now = newTable((len + 1) >> 1)
  distinct = 0
  let count = 0
  let i = 0
  while (i < len) {
    let f = FOLD[b[i] as number] as number
    if (f === SPACE) {
      i++
      continue
    }
    const start = i
    let hash = 0x811c9dc5
    for (;;) {
      hash = Math.imul(hash ^ f, 0x01000193)
      if (++i === len) break
      f = FOLD[b[i] as number] as number
      if (f === SPACE) break
    }
    ids[count++] = intern(hash, start, i, now, undefined)
  }
  return count
}

/**
 * The id of the word at [start, end) with `hash`: an equal earlier word's, else the next one (`distinct` counts
 * them). Its text is in `s`, or in `bytes` when `s` is undefined.
 */
function intern(hash: number, start: number, end: number, now: number, s: string | undefined): number {
  let h = hash & mask
  for (;;) {
    if (stamps[h] !== now) {
      stamps[h] = now
      keyA[h] = start
      keyB[h] = end
      hashes[h] = hash
      values[h] = distinct
      return distinct++
    }
    const a0 = keyA[h] as number
    const a1 = keyB[h] as number
    if (hashes[h] === hash && (s === undefined ? sameBytes(a0, a1, start, end) : sameText(s, a0, a1, start, end)))
      return values[h] as number
    h = (h + 1) & mask
  }
}

function sameBytes(a0: number, a1: number, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false
  for (let k = 0; k < a1 - a0; k++) if (FOLD[bytes[a0 + k] as number] !== FOLD[bytes[b0 + k] as number]) return false
  return true
}

/** `asciiWordIds` for any (already lower-cased) string, read in place. */
function stringWordIds(s: string): number {
  const len = s.length
  const now = newTable((len + 1) >> 1)
  distinct = 0
  let count = 0
  let i = 0
  while (i < len) {
    let c = s.charCodeAt(i)
    if ((c <= 32 || c >= 0x85) && isSpace(c)) {
      i++
      continue
    }
    const start = i
    let hash = 0x811c9dc5
    for (;;) {
      hash = Math.imul(hash ^ c, 0x01000193)
      if (++i === len) break
      c = s.charCodeAt(i)
      if ((c <= 32 || c >= 0x85) && isSpace(c)) break
    }
    ids[count++] = intern(hash, start, i, now, s)
  }
  return count
}

function sameText(s: string, a0: number, a1: number, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false
  for (let k = 0; k < a1 - a0; k++) if (s.charCodeAt(a0 + k) !== s.charCodeAt(b0 + k)) return false
  return true
}

/** Distinct n-grams when `d ** n` fits an int32: an n-gram's key is its word ids as the digits of a base-d number. */
function countPacked(words: number, n: number, d: number): number {
  const now = newTable(words)
  const m = mask
  let size = 0
  for (let i = 0; i + n <= words; i++) {
    let key = ids[i] as number
    for (let j = 1; j < n; j++) key = key * d + (ids[i + j] as number)
    let h = Math.imul(key, 0x9e3779b1)
    h = (h ^ (h >>> 15)) & m
    while (stamps[h] === now && keyA[h] !== key) h = (h + 1) & m
    if (stamps[h] !== now) {
      stamps[h] = now
      keyA[h] = key
      size++
    }
  }
  return size
}

/**
 * Distinct n-grams for any n, order by order: a k-gram's id is that of the pair (its first k − 1 words' id, its
 * last word's id), so each table holds one entry per distinct k-gram.
 */
function countByPairs(words: number, n: number): number {
  grams.set(ids.subarray(0, words))
  let size = 0
  for (let k = 2; k <= n; k++) {
    const now = newTable(words)
    const m = mask
    size = 0
    for (let i = 0; i + k <= words; i++) {
      const a = grams[i] as number
      const b = ids[i + k - 1] as number
      let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca6b)) & m
      while (stamps[h] === now && (keyA[h] !== a || keyB[h] !== b)) h = (h + 1) & m
      if (stamps[h] !== now) {
        stamps[h] = now
        keyA[h] = a
        keyB[h] = b
        values[h] = size++
      }
      grams[i] = values[h] as number
    }
  }
  return size
}
