/**
 * N-gram counting over interned token ids. Keys are exact numbers (`Σ id·base^k`) while they fit in a double's
 * 53-bit mantissa, else strings; no hashing, so counts never collide.
 */

export type NgramKey = number | string
export type NgramCounts = Map<NgramKey, number>

const SAFE = 2 ** 53

/** Counts of the n-grams of `ids` (empty when `ids` is shorter than n); `base` exceeds every id. */
export function ngramCounts(ids: Int32Array, n: number, base: number): NgramCounts {
  const counts: NgramCounts = new Map()
  const numeric = base ** n < SAFE
  for (let i = 0; i + n <= ids.length; i++) {
    let key: NgramKey
    if (numeric) {
      let k = 0
      for (let j = 0; j < n; j++) k = k * base + (ids[i + j] as number)
      key = k
    } else {
      key = ids.subarray(i, i + n).join(',')
    }
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

/** Σ min(a[g], b[g]): the clipped overlap of two n-gram multisets. */
export function overlap(a: NgramCounts, b: NgramCounts): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  let total = 0
  for (const [k, c] of small) {
    const d = large.get(k)
    if (d !== undefined) total += Math.min(c, d)
  }
  return total
}

/** Number of n-grams in a sequence of `length` tokens. */
export function ngramTotal(length: number, n: number): number {
  return length >= n ? length - n + 1 : 0
}
