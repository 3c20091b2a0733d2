import { distance } from 'fastest-levenshtein'

/**
 * Sequence primitives shared by the metrics: Levenshtein on characters (code points) or tokens, and the length of
 * the longest common subsequence. Levenshtein is `fastest-levenshtein` (Myers' bit-parallel algorithm); tokens and
 * astral characters are first mapped to one UTF-16 unit each so it can run on them. LCS is hand-written
 * (Hyyrö's bit-parallel form, 32 columns per step) since no maintained npm package computes it on id sequences.
 */

const SURROGATE = /[\uD800-\uDFFF]/

/** Maps each distinct item to one UTF-16 code unit, in first-seen order (shared across calls via `vocab`). */
function encode(items: Iterable<string>, vocab: Map<string, number>): string {
  let out = ''
  for (const item of items) {
    let id = vocab.get(item)
    if (id === undefined) {
      id = vocab.size
      vocab.set(item, id)
    }
    out += String.fromCharCode(id)
  }
  return out
}

/**
 * `distance` with the common prefix and suffix set aside first: they never change a Levenshtein distance, and
 * what remains of two similar strings (an answer and its reference) then often fits the one-word (≤ 32) path.
 * Exported for sequences already coded one UTF-16 unit per item.
 */
export function distanceTrimmed(a: string, b: string): number {
  const min = Math.min(a.length, b.length)
  let start = 0
  while (start < min && a.charCodeAt(start) === b.charCodeAt(start)) start++
  let end = 0
  while (end < min - start && a.charCodeAt(a.length - 1 - end) === b.charCodeAt(b.length - 1 - end)) end++
  if (start === 0 && end === 0) return distance(a, b)
  return distance(a.slice(start, a.length - end), b.slice(start, b.length - end))
}

/**
 * Levenshtein distance between two strings, counted in code points as Python counts them.
 * @example levenshtein('kitten', 'sitting') //= 3
 */
export function levenshtein(a: string, b: string): number {
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return distanceTrimmed(a, b)
  const vocab = new Map<string, number>()
  return distanceTrimmed(encode(a, vocab), encode(b, vocab))
}

/** Number of code points in a string (Python's `len`). */
export function codePointLength(s: string): number {
  if (!SURROGATE.test(s)) return s.length
  let n = 0
  for (const _ of s) n++
  return n
}

/**
 * Levenshtein distance between two token sequences (at most 65,536 distinct tokens between them).
 * @example levenshteinTokens(['a', 'b', 'c'], ['a', 'c']) //= 1
 */
export function levenshteinTokens(a: readonly string[], b: readonly string[]): number {
  const vocab = new Map<string, number>()
  return distanceTrimmed(encode(a, vocab), encode(b, vocab))
}

/** Interns tokens as small integers; the same vocab must be used for both sides of a comparison. */
export function toIds(tokens: readonly string[], vocab: Map<string, number>): Int32Array {
  const ids = new Int32Array(tokens.length)
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string
    let id = vocab.get(t)
    if (id === undefined) {
      id = vocab.size
      vocab.set(t, id)
    }
    ids[i] = id
  }
  return ids
}

/** Code points of a string as integers. */
export function codePoints(s: string): Int32Array {
  if (!SURROGATE.test(s)) {
    const out = new Int32Array(s.length)
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
    return out
  }
  const out: number[] = []
  for (const ch of s) out.push(ch.codePointAt(0) as number)
  return Int32Array.from(out)
}

/**
 * Length of the longest common subsequence of two integer sequences, in O(|a|·|b|/32).
 * @example lcsLength(Int32Array.of(1, 2, 3, 4), Int32Array.of(1, 3, 4, 5)) //= 3
 */
export function lcsLength(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return lcsLengthOf(a, a.length, b, b.length)
}

/** `lcsLength` of `a[0..aLength)` and `b[0..bLength)`: for ids in reused buffers longer than the sequence. */
export function lcsLengthOf(a: ArrayLike<number>, aLength: number, b: ArrayLike<number>, bLength: number): number {
  if (aLength > bLength) return lcsLengthOf(b, bLength, a, aLength)
  const n = aLength
  if (n === 0) return 0
  const words = (n + 31) >>> 5
  if (words === 1) return lcsSingleWord(a, n, b, bLength)
  // match masks: for each symbol of `a`, the bit positions where it occurs
  const masks = new Map<number, Uint32Array>()
  for (let i = 0; i < n; i++) {
    const sym = a[i] as number
    let m = masks.get(sym)
    if (m === undefined) {
      m = new Uint32Array(words)
      masks.set(sym, m)
    }
    m[i >>> 5] = ((m[i >>> 5] as number) | (1 << (i & 31))) >>> 0
  }
  const v = new Uint32Array(words).fill(0xffffffff)
  for (let j = 0; j < bLength; j++) {
    const m = masks.get(b[j] as number)
    if (m === undefined) continue
    let carry = 0
    for (let w = 0; w < words; w++) {
      const vw = v[w] as number
      const u = (vw & (m[w] as number)) >>> 0
      const sum = vw + u + carry
      carry = sum > 0xffffffff ? 1 : 0
      v[w] = ((sum >>> 0) | (vw & ~u)) >>> 0
    }
  }
  let zeros = 0
  for (let w = 0; w < words; w++) {
    const bits = w === words - 1 && n & 31 ? (1 << (n & 31)) - 1 : 0xffffffff
    zeros += popcount(~(v[w] as number) & bits)
  }
  return zeros
}

/** match masks of the one-word LCS, indexed by symbol; zeroed again after each use */
const PEQ = new Uint32Array(0x10000)

/** |a| ≤ 32: one machine word; masks in `PEQ` for symbols below 2^16 (token ids, UTF-16 units), else a map. */
function lcsSingleWord(a: ArrayLike<number>, n: number, b: ArrayLike<number>, bLength: number): number {
  for (let i = 0; i < n; i++) {
    const sym = a[i] as number
    if ((sym & 0xffff) !== sym) return lcsSingleWordMap(a, n, b, bLength)
  }
  for (let i = 0; i < n; i++) PEQ[a[i] as number] = ((PEQ[a[i] as number] as number) | (1 << i)) >>> 0
  let v = 0xffffffff
  for (let j = 0; j < bLength; j++) {
    const sym = b[j] as number
    const m = (sym & 0xffff) === sym ? (PEQ[sym] as number) : 0
    if (m === 0) continue
    const u = (v & m) >>> 0
    v = (((v + u) >>> 0) | (v & ~u)) >>> 0
  }
  for (let i = 0; i < n; i++) PEQ[a[i] as number] = 0
  return popcount(~v & (n === 32 ? 0xffffffff : (1 << n) - 1))
}

function lcsSingleWordMap(a: ArrayLike<number>, n: number, b: ArrayLike<number>, bLength: number): number {
  const masks = new Map<number, number>()
  for (let i = 0; i < n; i++) {
    const sym = a[i] as number
    masks.set(sym, ((masks.get(sym) ?? 0) | (1 << i)) >>> 0)
  }
  let v = 0xffffffff
  for (let j = 0; j < bLength; j++) {
    const m = masks.get(b[j] as number)
    if (m === undefined) continue
    const u = (v & m) >>> 0
    v = (((v + u) >>> 0) | (v & ~u)) >>> 0
  }
  return popcount(~v & (n === 32 ? 0xffffffff : (1 << n) - 1))
}

function popcount(x: number): number {
  let v = x >>> 0
  v -= (v >>> 1) & 0x55555555
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}

/** Whitespace as Python's `str.split()` sees it (plus U+FEFF, which JS's `\s` includes). */
export function isSpace(c: number): boolean {
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
    c === 0x3000 ||
    c === 0xfeff
  )
}

/**
 * Words between whitespace runs, as Python's `s.split()`: no empty strings. A linear scan, several times faster
 * than `split(/\s+/)` plus a filter on short texts.
 * @example splitWhitespace('  a \n b ') //= ['a', 'b']
 */
export function splitWhitespace(s: string): string[] {
  const out: string[] = []
  let start = -1
  for (let i = 0; i < s.length; i++) {
    if (isSpace(s.charCodeAt(i))) {
      if (start >= 0) {
        out.push(s.slice(start, i))
        start = -1
      }
    } else if (start < 0) start = i
  }
  if (start >= 0) out.push(s.slice(start))
  return out
}

/**
 * `splitWhitespace(s).join(' ')`: whitespace runs become one space, the ends are trimmed. Returns `s` itself when
 * it is already so (no allocation in the common case).
 * @example collapseWhitespace(' a \n b ') //= 'a b'
 */
export function collapseWhitespace(s: string): string {
  let space = true
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c > 32 && c < 0x85) space = false
    else if (isSpace(c)) {
      if (space || c !== 32) return splitWhitespace(s).join(' ')
      space = true
    } else space = false
  }
  return space && s.length > 0 ? splitWhitespace(s).join(' ') : s
}
