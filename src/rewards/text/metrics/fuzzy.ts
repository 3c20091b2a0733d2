import { codePoints, lcsLength } from './sequence.js'

/**
 * rapidfuzz's scorers, 0..100, re-implemented because no npm package reproduces them: `fuzzball` ports the older
 * TheFuzz, whose `partial_ratio` uses difflib's block heuristic instead of rapidfuzz's exact best window. Each
 * function follows rapidfuzz 3.x's pure-Python fallback (`fuzz_py.py`), which matches its C++ core.
 * @see https://github.com/rapidfuzz/RapidFuzz/blob/main/src/rapidfuzz/fuzz_py.py
 */

/**
 * `rapidfuzz.utils.default_process`: non-alphanumeric characters become spaces, lower-case, trim.
 * @example defaultProcess('  Hello, World! ') //= 'hello  world'
 */
export function defaultProcess(s: string): string {
  return s
    .replace(/[^\p{L}\p{N}]/gu, ' ')
    .toLowerCase()
    .trim()
}

function indelRatio(a: Int32Array, b: Int32Array): number {
  const total = a.length + b.length
  if (total === 0) return 100
  return (100 * 2 * lcsLength(a, b)) / total
}

/**
 * Normalized Indel similarity: `100 · 2·LCS / (|a| + |b|)` (`fuzz.ratio`).
 * @example ratio('this is a test', 'this is a test!') //= 96.5517…
 */
export function ratio(a: string, b: string): number {
  return indelRatio(codePoints(a), codePoints(b))
}

/**
 * Best `ratio` of the shorter string against any window of the longer one (`fuzz.partial_ratio`): full-length
 * windows plus the shorter windows hanging over either end, as rapidfuzz's exact alignment searches them.
 * @example partialRatio('this is a test', 'this is a test!') //= 100
 */
export function partialRatio(a: string, b: string): number {
  let s1 = codePoints(a)
  let s2 = codePoints(b)
  if (s1.length > s2.length) [s1, s2] = [s2, s1]
  if (s1.length === 0) return s2.length === 0 ? 100 : 0
  let best = partialImpl(s1, s2)
  if (best !== 100 && s1.length === s2.length) best = Math.max(best, partialImpl(s2, s1))
  return best
}

function partialImpl(s1: Int32Array, s2: Int32Array): number {
  const len1 = s1.length
  const len2 = s2.length
  const chars = new Set(s1)
  let best = 0
  for (let i = 1; i < len1; i++) {
    if (!chars.has(s2[i - 1] as number)) continue
    best = Math.max(best, indelRatio(s1, s2.subarray(0, i)))
    if (best === 100) return 100
  }
  for (let i = 0; i <= len2 - len1; i++) {
    if (!chars.has(s2[i + len1 - 1] as number)) continue
    best = Math.max(best, indelRatio(s1, s2.subarray(i, i + len1)))
    if (best === 100) return 100
  }
  for (let i = len2 - len1 + 1; i < len2; i++) {
    if (!chars.has(s2[i] as number)) continue
    best = Math.max(best, indelRatio(s1, s2.subarray(i)))
    if (best === 100) return 100
  }
  return best
}

const split = (s: string) => s.split(/\s+/u).filter(Boolean)
const codeOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const sortedJoin = (words: Iterable<string>) => [...words].sort(codeOrder).join(' ')

/** `fuzz.token_sort_ratio`: `ratio` of the words sorted and re-joined. */
export function tokenSortRatio(a: string, b: string): number {
  return ratio(sortedJoin(split(a)), sortedJoin(split(b)))
}

/** `fuzz.token_set_ratio`: compares the shared words plus each side's remainder; 100 if one set contains the other. */
export function tokenSetRatio(a: string, b: string): number {
  const ta = new Set(split(a))
  const tb = new Set(split(b))
  if (ta.size === 0 || tb.size === 0) return 0
  const inter = [...ta].filter((t) => tb.has(t))
  const diffAb = [...ta].filter((t) => !tb.has(t))
  const diffBa = [...tb].filter((t) => !ta.has(t))
  if (inter.length > 0 && (diffAb.length === 0 || diffBa.length === 0)) return 100
  const ab = sortedJoin(diffAb)
  const ba = sortedJoin(diffBa)
  const sectLen = inter.length === 0 ? 0 : sortedJoin(inter).length
  const sep = sectLen !== 0 ? 1 : 0
  const sectAbLen = sectLen + sep + ab.length
  const sectBaLen = sectLen + sep + ba.length
  const lensum = sectAbLen + sectBaLen
  const lcs = lcsLength(codePoints(ab), codePoints(ba))
  const dist = ab.length + ba.length - 2 * lcs
  let result = lensum > 0 ? 100 - (100 * dist) / lensum : 100
  if (sectLen === 0) return result
  const abDist = sep + ab.length
  const baDist = sep + ba.length
  result = Math.max(result, 100 - (100 * abDist) / (sectLen + sectAbLen))
  return Math.max(result, 100 - (100 * baDist) / (sectLen + sectBaLen))
}

/** `fuzz.partial_token_ratio`: 100 when any word is shared, else `partial_ratio` of sorted words (and of the differences). */
export function partialTokenRatio(a: string, b: string): number {
  const wa = split(a)
  const wb = split(b)
  const ta = new Set(wa)
  const tb = new Set(wb)
  if (ta.size === 0 || tb.size === 0) return 0
  for (const t of ta) if (tb.has(t)) return 100
  const result = partialRatio(sortedJoin(wa), sortedJoin(wb))
  if (wa.length === ta.size && wb.length === tb.size) return result
  return Math.max(result, partialRatio(sortedJoin(ta), sortedJoin(tb)))
}

/**
 * `fuzz.WRatio`: picks among ratio, token ratios and partial ratios by the strings' length ratio.
 * @example wRatio('fuzzy wuzzy was a bear', 'wuzzy fuzzy was a bear') //= 95
 */
export function wRatio(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0
  const len1 = [...a].length
  const len2 = [...b].length
  const lenRatio = len1 > len2 ? len1 / len2 : len2 / len1
  const endRatio = ratio(a, b)
  if (lenRatio < 1.5) return Math.max(endRatio, Math.max(tokenSortRatio(a, b), tokenSetRatio(a, b)) * 0.95)
  const partialScale = lenRatio <= 8 ? 0.9 : 0.6
  const partial = Math.max(endRatio, partialRatio(a, b) * partialScale)
  return Math.max(partial, partialTokenRatio(a, b) * 0.95 * partialScale)
}

/**
 * OpenAI's `fuzzy_match` grader: `fuzz.WRatio(a, b, processor=default_process) / 100`, in [0, 1].
 * @example fuzzyMatch('Fuzzy Wuzzy was a bear.', 'fuzzy wuzzy was a bear') //= 1
 */
export function fuzzyMatch(a: string, b: string): number {
  return wRatio(defaultProcess(a), defaultProcess(b)) / 100
}
