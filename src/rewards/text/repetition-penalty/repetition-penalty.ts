import { isSpace } from '../metrics/sequence.js'

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
  const lower = text.toLowerCase()
  const words = wordIds(lower)
  const total = words - ngramSize + 1
  if (total <= 0) return 0
  // the n-grams' ids, order by order: an n-gram's id is that of the pair (its first n − 1 words, its last word);
  // the table then holds one entry per distinct n-gram
  const cur = grams
  cur.set(ids.subarray(0, words))
  for (let n = 2; n <= ngramSize; n++) {
    newTable(words)
    for (let i = 0; i + n <= words; i++) cur[i] = pairId(cur[i] as number, ids[i + n - 1] as number)
  }
  return (1 - size / total) * maxPenalty
}

// Per-call scratch, grown on demand and never cleared: a slot is live only when its stamp is the current one.
// Words are read in place (start, end) and n-grams handled as integer ids, so a call allocates no strings.
let ids = new Int32Array(256)
let grams = new Int32Array(256)
let stamps = new Int32Array(512)
let keyA = new Int32Array(512)
let keyB = new Int32Array(512)
let values = new Int32Array(512)
let stamp = 0
let mask = 511
let size = 0

/** Starts an empty table for up to `n` keys (at most half full). */
function newTable(n: number): void {
  if (stamps.length < 2 * n) {
    const slots = 2 ** Math.ceil(Math.log2(2 * n))
    stamps = new Int32Array(slots)
    keyA = new Int32Array(slots)
    keyB = new Int32Array(slots)
    values = new Int32Array(slots)
    stamp = 0
  }
  mask = stamps.length - 1
  size = 0
  if (++stamp === 0x7fffffff) {
    stamps.fill(0)
    stamp = 1
  }
}

function pairId(a: number, b: number): number {
  const st = stamps
  const now = stamp
  let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca6b)) & mask
  while (st[h] === now && (keyA[h] !== a || keyB[h] !== b)) h = (h + 1) & mask
  if (st[h] !== now) {
    st[h] = now
    keyA[h] = a
    keyB[h] = b
    values[h] = size++
  }
  return values[h] as number
}

/** Splits `s` on whitespace (Python's `str.split()`) into `ids`, equal words sharing an id; returns the count. */
function wordIds(s: string): number {
  newTable(s.length >> 1)
  const st = stamps
  const ka = keyA
  const kb = keyB
  const vals = values
  const now = stamp
  const m = mask
  let distinct = 0
  let count = 0
  for (let i = 0; i < s.length; ) {
    while (i < s.length && isSpace(s.charCodeAt(i))) i++
    if (i === s.length) break
    const start = i
    let hash = 0x811c9dc5
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i)
      if ((c <= 32 || c >= 0x85) && isSpace(c)) break
      hash = Math.imul(hash ^ c, 0x01000193)
    }
    if (count === ids.length) {
      ids = grow(ids)
      grams = new Int32Array(ids.length)
    }
    // a word's key is its span (start, end); spans are the same word when their text is
    let h = hash & m
    while (st[h] === now && !sameText(s, ka[h] as number, kb[h] as number, start, i)) h = (h + 1) & m
    if (st[h] !== now) {
      st[h] = now
      ka[h] = start
      kb[h] = i
      vals[h] = distinct++
    }
    ids[count++] = vals[h] as number
  }
  size = distinct
  return count
}

function sameText(s: string, a0: number, a1: number, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false
  for (let k = 0; k < a1 - a0; k++) if (s.charCodeAt(a0 + k) !== s.charCodeAt(b0 + k)) return false
  return true
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2)
  b.set(a)
  return b
}
