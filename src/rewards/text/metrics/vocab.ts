/**
 * A token and n-gram index of references, shared across calls. References repeat across the G rollouts of a GRPO
 * group, so a reward tokenizes each reference once (a `CachedTokens` in a memoised map), interns its tokens and
 * n-grams here, and keeps its n-gram ids sorted; per call only the prediction is tokenized and *looked up*:
 * a token or n-gram no reference has can match nothing, so it becomes `UNKNOWN` and is never interned (model
 * output cannot grow the index). Token ids stay below 0xffff; an n-gram's id is interned from the pair (id of its
 * first n − 1 tokens, id of its last), so comparing n-grams of any order is comparing integers. When a table would
 * overflow, both start afresh and `generation` moves on, which tells cached references to index themselves again.
 */

/** Prediction tokens and n-grams that no indexed reference has. */
export const UNKNOWN = 0xffff
const TOKENS_MAX = 0xffff
const NGRAMS_MAX = 1 << 16
let tokenIds = new Map<string, number>()
let generation = 0

// n-gram ids: open addressing on (prefix id, last token id) pairs, stored as (prefix, last, id) triples in one
// typed array (a Map would box the keys, which exceed a small integer; one array keeps a probe in one cache line).
// At most half the slots are used. Allocated on first use.
const SLOT_BITS = 17
const SLOTS = 1 << SLOT_BITS
let slots = new Int32Array(0)
let ngramCount = 0

/** Index in `slots` of the triple holding (prefix, last), or of the empty one where it would go. */
function slotOf(prefix: number, last: number): number {
  const t = slots
  let h = (Math.imul(prefix, 0x9e3779b1) ^ Math.imul(last + 1, 0x85ebca6b)) >>> (32 - SLOT_BITS)
  for (;;) {
    const p = t[3 * h] as number
    if (p === -1 || (p === prefix && t[3 * h + 1] === last)) return 3 * h
    h = (h + 1) & (SLOTS - 1)
  }
}

function internNgram(prefix: number, last: number): number {
  const at = slotOf(prefix, last)
  if (slots[at] === -1) {
    slots[at] = prefix
    slots[at + 1] = last
    slots[at + 2] = 0x10000 + ngramCount++
  }
  return slots[at + 2] as number
}

function reset(): void {
  tokenIds = new Map()
  if (slots.length === 0) slots = new Int32Array(3 * SLOTS)
  slots.fill(-1)
  ngramCount = 0
  generation++
}

/** A reference's tokens, their ids and its sorted n-gram ids, valid while `generation` is the index's. */
export interface CachedTokens {
  readonly tokens: readonly string[]
  generation: number
  ids: Int32Array
  /** the n-gram ids of each order n, sorted, at `sorted[starts[n − 1]..starts[n])` */
  sorted: Int32Array
  starts: number[]
}

const EMPTY = new Int32Array(0)

/** A cache entry for tokens not indexed yet. */
export function cachedTokens(tokens: readonly string[]): CachedTokens {
  return { tokens, generation: -1, ids: EMPTY, sorted: EMPTY, starts: [0] }
}

let scratch = new Int32Array(256)

function index(ref: CachedTokens, maxOrder: number): void {
  if (ref.generation !== generation) {
    const ids = new Int32Array(ref.tokens.length)
    for (let i = 0; i < ids.length; i++) {
      const t = ref.tokens[i] as string
      let id = tokenIds.get(t)
      if (id === undefined) {
        id = tokenIds.size
        tokenIds.set(t, id)
      }
      ids[i] = id
    }
    ref.ids = ids
    ref.generation = generation
    ref.starts = [0]
  }
  if (ref.starts.length > maxOrder) return
  const ids = ref.ids
  if (scratch.length < ids.length) scratch = new Int32Array(ids.length * 2)
  const cur = scratch
  const starts = [0]
  for (let n = 1; n <= maxOrder; n++) starts.push((starts[n - 1] as number) + Math.max(0, ids.length - n + 1))
  const sorted = new Int32Array(starts[maxOrder] as number)
  for (let n = 1; n <= maxOrder; n++) {
    const total = Math.max(0, ids.length - n + 1)
    for (let i = 0; i < total; i++)
      cur[i] = n === 1 ? (ids[i] as number) : internNgram(cur[i] as number, ids[i + n - 1] as number)
    const at = starts[n - 1] as number
    for (let i = 0; i < total; i++) sorted[at + i] = cur[i] as number
    sortRange(sorted, at, at + total)
  }
  ref.sorted = sorted
  ref.starts = starts
}

/**
 * Indexes `refs` (tokens and n-grams up to `maxOrder`) in the current generation; call it before `lookupIds`.
 * False when they hold more than the index can (enormous inputs only): the caller then counts without it.
 */
export function indexReferences(refs: readonly CachedTokens[], order: number): boolean {
  const maxOrder = Math.max(1, order)
  let allTokens = 0
  let newTokens = 0
  let newNgrams = 0
  for (const r of refs) {
    const len = r.tokens.length
    allTokens += len
    if (r.generation !== generation) newTokens += len
    if (r.generation !== generation || r.starts.length <= maxOrder) newNgrams += len * (maxOrder - 1)
  }
  if (allTokens > TOKENS_MAX || allTokens * (maxOrder - 1) > NGRAMS_MAX) return false
  if (slots.length === 0 || tokenIds.size + newTokens > TOKENS_MAX || ngramCount + newNgrams > NGRAMS_MAX) reset()
  for (const r of refs) index(r, maxOrder)
  return true
}

/** Ids of prediction tokens: the references' ids, `UNKNOWN` for tokens none of them has. */
export function lookupIds(tokens: readonly string[]): Int32Array {
  const ids = new Int32Array(tokens.length)
  const table = tokenIds
  for (let i = 0; i < tokens.length; i++) ids[i] = table.get(tokens[i] as string) ?? UNKNOWN
  return ids
}

/**
 * Turns `cur`, holding the ids of the (n − 1)-grams of `ids` (the token ids themselves when n = 1), into those of
 * its n-grams (`UNKNOWN` for n-grams not indexed); returns how many there are.
 */
export function nextOrder(cur: Int32Array, ids: Int32Array, n: number): number {
  const total = Math.max(0, ids.length - n + 1)
  if (n === 1) {
    cur.set(ids)
    return total
  }
  const t = slots
  for (let i = 0; i < total; i++) {
    const prefix = cur[i] as number
    const last = ids[i + n - 1] as number
    if (prefix === UNKNOWN) continue
    if (last === UNKNOWN) {
      cur[i] = UNKNOWN
      continue
    }
    const at = slotOf(prefix, last)
    cur[i] = t[at] === -1 ? UNKNOWN : (t[at + 2] as number)
  }
  return total
}

// scratch for `clippedMatchesIndexed`, grown on demand
let cur = new Int32Array(256)
let known = new Int32Array(256)
let most = new Int32Array(256)

/** Sorts a[from..to) ascending: insertion sort for the short runs captions give, the builtin beyond. */
function sortRange(a: Int32Array, from: number, to: number): void {
  if (to - from > 48) {
    a.subarray(from, to).sort()
    return
  }
  for (let i = from + 1; i < to; i++) {
    const v = a[i] as number
    let j = i - 1
    while (j >= from && (a[j] as number) > v) {
      a[j + 1] = a[j] as number
      j--
    }
    a[j + 1] = v
  }
}

/**
 * BLEU's clipped matches of `pred` (from `lookupIds`) against indexed references, for n = 1..maxOrder, written to
 * `out[n − 1]`: Σ over the distinct n-grams of pred of min(count in pred, max count in any reference). With one
 * reference this is ROUGE-N's overlap. Only the prediction's n-grams are sorted; the references' are cached.
 */
export function clippedMatchesIndexed(
  pred: Int32Array,
  refs: readonly CachedTokens[],
  maxOrder: number,
  out: number[],
): void {
  if (cur.length < pred.length) {
    cur = new Int32Array(pred.length * 2)
    known = new Int32Array(pred.length * 2)
    most = new Int32Array(pred.length * 2)
  }
  const c = cur
  const k = known
  const m = most
  for (let n = 1; n <= maxOrder; n++) {
    const total = nextOrder(c, pred, n)
    let p = 0
    for (let i = 0; i < total; i++) if (c[i] !== UNKNOWN) k[p++] = c[i] as number
    sortRange(k, 0, p)
    m.fill(0, 0, p)
    for (const ref of refs) {
      const rk = ref.sorted
      const r = ref.starts[n] as number
      for (let i = 0, j = ref.starts[n - 1] as number; i < p && j < r; ) {
        const v = k[i] as number
        while (j < r && (rk[j] as number) < v) j++
        let count = 0
        while (j < r && rk[j] === v) {
          count++
          j++
        }
        if (count > (m[i] as number)) m[i] = count
        while (i < p && k[i] === v) i++
      }
    }
    let hits = 0
    for (let i = 0; i < p; ) {
      const v = k[i] as number
      const start = i
      while (i < p && k[i] === v) i++
      hits += Math.min(i - start, m[start] as number)
    }
    out[n - 1] = hits
  }
}

/** `clippedMatchesIndexed` from prediction tokens, indexing the references first; false if they do not fit. */
export function clippedMatchesOf(
  prediction: readonly string[],
  refs: readonly CachedTokens[],
  maxOrder: number,
  out: number[],
): boolean {
  if (!indexReferences(refs, maxOrder)) return false
  clippedMatchesIndexed(lookupIds(prediction), refs, maxOrder, out)
  return true
}
