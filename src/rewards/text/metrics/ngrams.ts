/**
 * N-gram multisets as sorted numeric keys: `Σ id·base^k` while that fits a double's 53-bit mantissa, else ids
 * interned from the joined n-gram. Clipped overlap is then a merge of two sorted arrays: no hashing, no Map per
 * n-gram order, and counts can never collide.
 */

const SAFE = 2 ** 53

/** Sorted keys of the n-grams of `ids` (empty when shorter than n); `base` exceeds every id. */
export function ngramKeys(ids: Int32Array, n: number, base: number, intern?: Map<string, number>): Float64Array {
  const total = ngramTotal(ids.length, n)
  const out = new Float64Array(total)
  if (base ** n < SAFE) {
    for (let i = 0; i < total; i++) {
      let k = 0
      for (let j = 0; j < n; j++) k = k * base + (ids[i + j] as number)
      out[i] = k
    }
  } else {
    const table = intern ?? new Map<string, number>()
    for (let i = 0; i < total; i++) {
      const key = ids.subarray(i, i + n).join(',')
      let id = table.get(key)
      if (id === undefined) {
        id = table.size
        table.set(key, id)
      }
      out[i] = id
    }
  }
  return total <= 64 ? insertionSort(out) : out.sort()
}

/** Short arrays sort faster by insertion than through the typed-array sort builtin. */
function insertionSort(a: Float64Array): Float64Array {
  for (let i = 1; i < a.length; i++) {
    const v = a[i] as number
    let j = i - 1
    while (j >= 0 && (a[j] as number) > v) {
      a[j + 1] = a[j] as number
      j--
    }
    a[j + 1] = v
  }
  return a
}

/** Σ min(count in a, count in b) over sorted key arrays. */
export function overlap(a: Float64Array, b: Float64Array): number {
  let i = 0
  let j = 0
  let hits = 0
  while (i < a.length && j < b.length) {
    const x = a[i] as number
    const y = b[j] as number
    if (x < y) i++
    else if (x > y) j++
    else {
      hits++
      i++
      j++
    }
  }
  return hits
}

/** Σ over distinct n-grams of `a` of min(count in a, max count in any of `refs`): BLEU's clipped matches. */
export function clippedOverlap(a: Float64Array, refs: readonly Float64Array[]): number {
  if (refs.length === 1) return overlap(a, refs[0] as Float64Array)
  let hits = 0
  for (let i = 0; i < a.length; ) {
    const v = a[i] as number
    let j = i
    while (j < a.length && a[j] === v) j++
    let best = 0
    for (const r of refs) best = Math.max(best, countOf(r, v))
    hits += Math.min(j - i, best)
    i = j
  }
  return hits
}

function countOf(sorted: Float64Array, v: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((sorted[mid] as number) < v) lo = mid + 1
    else hi = mid
  }
  let n = 0
  while (lo + n < sorted.length && sorted[lo + n] === v) n++
  return n
}

/** Number of n-grams in a sequence of `length` tokens. */
export function ngramTotal(length: number, n: number): number {
  return length >= n ? length - n + 1 : 0
}
