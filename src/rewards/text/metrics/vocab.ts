/**
 * A token and n-gram index of references, shared across calls. References repeat across the G rollouts of a GRPO
 * group, so a reward tokenizes each reference once (a `CachedTokens` in a memoised map), interns its tokens and
 * n-grams here, and keeps each distinct n-gram's id with its count; per call only the prediction is tokenized and
 * *looked up*: a token or n-gram no reference has can match nothing, so it becomes `UNKNOWN` and is never interned
 * (model output cannot grow the index). Token ids are below 0x7fff and n-gram ids in [0x8000, 0x10000); an
 * n-gram's id is interned from the pair (id of its first n − 1 tokens, id of its last), so comparing n-grams of
 * any order is comparing integers. When a table would overflow, both start afresh and `generation` moves on,
 * which tells cached references to index themselves again.
 */

import { StringIds } from './string-ids.js'

/** Prediction tokens and n-grams that no indexed reference has. */
export const UNKNOWN = 0x7fff
const TOKENS_MAX = 0x7fff
const NGRAM_BASE = 0x8000
const NGRAMS_MAX = 0x8000
const tokenIds = new StringIds()
let generation = 0

// n-gram ids: open addressing on (prefix id, last token id) packed into one non-negative int32 key (prefix below
// 2^16, last below 2^15), stored as (key, id) pairs in one typed array (a Map would box the keys). The ranges are
// kept this small so that the table (512 KB, at most half full) and the dense count tables below stay in cache:
// with 2^16 tokens and 2^16 n-grams a probe was a cache miss, and probing was most of BLEU's matching time.
// Allocated on first use.
const SLOT_BITS = 16
const SLOTS = 1 << SLOT_BITS
let slots = new Int32Array(0)
let ngramCount = 0

/** Index in `slots` of the pair holding `key`, or of the empty one where it would go. */
function slotOf(key: number): number {
  const t = slots
  let h = Math.imul(key, 0x9e3779b1) >>> (32 - SLOT_BITS)
  for (;;) {
    const k = t[2 * h] as number
    if (k === key || k === -1) return 2 * h
    h = (h + 1) & (SLOTS - 1)
  }
}

function internNgram(prefix: number, last: number): number {
  const key = prefix * NGRAM_BASE + last
  const at = slotOf(key)
  if (slots[at] === -1) {
    slots[at] = key
    slots[at + 1] = NGRAM_BASE + ngramCount++
  }
  return slots[at + 1] as number
}

function reset(): void {
  tokenIds.clear()
  if (slots.length === 0) {
    slots = new Int32Array(2 * SLOTS)
    tally = new Int32Array(ID_SPACE)
    refMax = new Int32Array(ID_SPACE)
  }
  slots.fill(-1)
  ngramCount = 0
  generation++
}

/** A reference's tokens, their ids and its n-gram counts, valid while `generation` is the index's. */
export interface CachedTokens {
  readonly tokens: readonly string[]
  generation: number
  /**
   * One allocation per reference (a typed array costs far more to allocate than to fill): the token ids at
   * `[0, tokens.length)`, then the distinct n-gram ids of each order n at `[starts[n − 1], starts[n])` in
   * first-seen order, and how often each occurs `counts` further on.
   */
  data: Int32Array
  starts: number[]
  counts: number
}

const EMPTY = new Int32Array(0)

/** A cache entry for tokens not indexed yet. */
export function cachedTokens(tokens: readonly string[]): CachedTokens {
  return { tokens, generation: -1, data: EMPTY, starts: [], counts: 0 }
}

// Dense tables indexed by id (token and n-gram ids share one range of 2^16; an n-gram's id tells its order, as its
// prefix's does, so one table covers every order). `tally` is all zeros between calls; it counts a reference's
// n-grams while it is indexed and the prediction's while it is matched.
const ID_SPACE = NGRAM_BASE + NGRAMS_MAX
let tally = new Int32Array(0)
/** see `clippedMatchesIndexed` */
let refMax = new Int32Array(0)
let scratch = new Int32Array(256)
let gramScratch = new Int32Array(256)
let countScratch = new Int32Array(256)

function index(ref: CachedTokens, maxOrder: number): void {
  if (ref.generation === generation && ref.starts.length > maxOrder) return
  const len = ref.tokens.length
  if (scratch.length < len) scratch = new Int32Array(len * 2)
  if (gramScratch.length < len * (maxOrder + 1)) {
    gramScratch = new Int32Array(len * (maxOrder + 1) * 2)
    countScratch = new Int32Array(len * (maxOrder + 1) * 2)
  }
  const cur = scratch
  const g = gramScratch
  const c = countScratch
  const t = tally
  for (let i = 0; i < len; i++) g[i] = tokenIds.add(ref.tokens[i] as string)
  const starts = [len]
  let k = len
  for (let n = 1; n <= maxOrder; n++) {
    const total = Math.max(0, len - n + 1)
    for (let i = 0; i < total; i++) {
      const v = n === 1 ? (g[i] as number) : internNgram(cur[i] as number, g[i + n - 1] as number)
      cur[i] = v
      t[v] = (t[v] as number) + 1
    }
    // each distinct id once, with its count, and the tally back to zero
    for (let i = 0; i < total; i++) {
      const v = cur[i] as number
      const count = t[v] as number
      if (count === 0) continue
      g[k] = v
      c[k++] = count
      t[v] = 0
    }
    starts.push(k)
  }
  const data = new Int32Array(2 * k - len)
  data.set(g.subarray(0, k))
  data.set(c.subarray(len, k), k)
  ref.data = data
  ref.starts = starts
  ref.counts = k - len
  ref.generation = generation
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

/** A sequence of token ids in a buffer longer than it, reused across calls. */
export interface IdSequence {
  ids: Int32Array
  length: number
}

const PREDICTION: IdSequence = { ids: new Int32Array(256), length: 0 }

/**
 * An empty `IdSequence` with room for `capacity` ids, for a prediction's ids: the one buffer every call reuses, so
 * it holds only until the next call.
 */
export function predictionIds(capacity: number): IdSequence {
  if (PREDICTION.ids.length < capacity) PREDICTION.ids = new Int32Array(capacity * 2)
  PREDICTION.length = 0
  return PREDICTION
}

/** Id of `text.slice(start, end)` as a prediction token: its reference id, else `UNKNOWN`. */
export function tokenIdOfSpan(text: string, start: number, end: number): number {
  const id = tokenIds.find(text, start, end)
  return id < 0 ? UNKNOWN : id
}

/**
 * Changes whenever a token could get another id (a token is added, the tables start afresh): a cache of
 * `tokenIdOfSpan` results is valid while this stays the same.
 */
export function tokenIdsVersion(): number {
  return generation * 0x10000 + tokenIds.size
}

/** Ids of prediction tokens (`predictionIds`' buffer): the references' ids, `UNKNOWN` for tokens none has. */
export function lookupIds(tokens: readonly string[]): IdSequence {
  const out = predictionIds(tokens.length)
  const ids = out.ids
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string
    ids[i] = tokenIdOfSpan(t, 0, t.length)
  }
  out.length = tokens.length
  return out
}

/**
 * Turns `cur`, holding the ids of the (n − 1)-grams of `ids[0..length)` (the token ids themselves when n = 1), into
 * those of its n-grams (`UNKNOWN` for n-grams not indexed); returns how many there are.
 */
function nextOrder(cur: Int32Array, ids: Int32Array, length: number, n: number): number {
  const total = Math.max(0, length - n + 1)
  if (n === 1) {
    for (let i = 0; i < total; i++) cur[i] = ids[i] as number
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
    const at = slotOf(prefix * NGRAM_BASE + last)
    cur[i] = t[at] === -1 ? UNKNOWN : (t[at + 1] as number)
  }
  return total
}

// Clipped counting: `refMax[id]` is the largest count of `id` in any reference of the set filled last, and
// `tally[id]` counts the prediction's occurrences so far. Occurrence number c of an n-gram matches iff
// c ≤ refMax, which sums to Σ min(count in pred, max count in a reference) with no sort of the prediction's
// n-grams (sorting and merging them cost a quarter of ROUGE's time). The fill is kept while the same references
// come back, as the G rollouts of a group do. Checked against `clippedOverlap` on sorted keys in fast-paths.test.ts.
/** ids set in `refMax`, to clear them again */
let touched = new Int32Array(256)
let touchedCount = 0
/** what `refMax` holds: these references (by identity), in this generation, up to this order */
let filled: CachedTokens[] = []
let filledGeneration = -1
let filledOrder = 0
// the prediction's n-gram ids of the current order, grown on demand
let cur = new Int32Array(256)

function sameFill(refs: readonly CachedTokens[], maxOrder: number): boolean {
  if (filledGeneration !== generation || filledOrder < maxOrder || filled.length !== refs.length) return false
  for (let i = 0; i < refs.length; i++) if (filled[i] !== refs[i]) return false
  return true
}

function fill(refs: readonly CachedTokens[], maxOrder: number): void {
  const t = refMax
  for (let i = 0; i < touchedCount; i++) t[touched[i] as number] = 0
  touchedCount = 0
  let size = 0
  for (const ref of refs) size += (ref.starts[maxOrder] as number) - (ref.starts[0] as number)
  if (touched.length < size) touched = new Int32Array(size * 2)
  const tt = touched
  for (const ref of refs) {
    const d = ref.data
    const counts = ref.counts
    const end = ref.starts[maxOrder] as number
    for (let j = ref.starts[0] as number; j < end; j++) {
      const v = d[j] as number
      const count = d[j + counts] as number
      const had = t[v] as number
      if (had === 0) tt[touchedCount++] = v
      if (count > had) t[v] = count
    }
  }
  filled = refs.slice()
  filledGeneration = generation
  filledOrder = maxOrder
}

/**
 * BLEU's clipped matches of `pred` (from `lookupIds`) against indexed references, for n = 1..maxOrder, written to
 * `out[n − 1]`: Σ over the distinct n-grams of pred of min(count in pred, max count in any reference). With one
 * reference this is ROUGE-N's overlap.
 */
export function clippedMatchesIndexed(
  pred: IdSequence,
  refs: readonly CachedTokens[],
  maxOrder: number,
  out: number[],
): void {
  if (!sameFill(refs, maxOrder)) fill(refs, maxOrder)
  if (cur.length < pred.length) cur = new Int32Array(pred.length * 2)
  const ids = pred.ids
  const length = pred.length
  const c = cur
  const r = refMax
  const pc = tally
  for (let n = 1; n <= maxOrder; n++) {
    const total = nextOrder(c, ids, length, n)
    let hits = 0
    for (let i = 0; i < total; i++) {
      const v = c[i] as number
      const most = r[v] as number
      // UNKNOWN is no token's id, so its refMax is 0
      if (most === 0) continue
      const k = (pc[v] as number) + 1
      pc[v] = k
      if (k <= most) hits++
    }
    for (let i = 0; i < total; i++) pc[c[i] as number] = 0
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
