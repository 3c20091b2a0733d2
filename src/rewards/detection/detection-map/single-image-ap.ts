import { defaultCocoParams, pairwiseSumF64 } from '../coco/params.js'
import { FP, TP, writeRow } from './precision-row.js'

/** A box in original-image pixels, `[x1, y1, x2, y2]`, and its label. */
export interface LabelledBoxXYXY {
  box: readonly [number, number, number, number]
  label: string
}

export interface SingleImageApOptions {
  /**
   * COCO's area filter on detections (default true): an unmatched detection whose area lies outside area range
   * "all", `[0, 1e10]` (a negative area: one side inverted), is ignored rather than a false positive. `false`
   * counts it as a false positive, so inverted boxes cannot be sprayed for free.
   */
  areaFilter?: boolean
}

/** COCO AP@[.5:.95] and AP@.5 of one image, before any unknown-label share; −1 where no category has a real gt. */
export interface SingleImageAp {
  ap: number
  ap50: number
  /** distinct predicted labels absent from the ground truth */
  unknownLabels: number
  /** distinct ground-truth labels (the categories) */
  categories: number
  /** predictions whose label is a ground-truth label */
  known: number
}

const P = defaultCocoParams()
const IOU_THRS = P.iouThrs
const T = IOU_THRS.length
/** the thresholds `evaluateImg` compares with: `min(t, 1 − 1e-10)` */
const THR = IOU_THRS.map((t) => Math.min(t, 1 - 1e-10))
const R = P.recThrs.length
const AREA = P.areaRanges[0] as { min: number; max: number }
const MAX_DETS = 100
const META = 11
/** up to this many distinct gt labels, categories are found by scanning `LABELS`; past it, through a Map */
const LINEAR_LABELS = 8
const LABELS: string[] = []

// Per-call scratch, grown on demand and reused: rewards run synchronously, one call at a time per isolate.
let f64 = new Float64Array(1024)
let i32 = new Int32Array(256)
let prec = new Float64Array(T * R * 8)

function f64Scratch(n: number): Float64Array {
  if (f64.length < n) f64 = new Float64Array(Math.max(n, f64.length * 2))
  return f64
}
function i32Scratch(n: number): Int32Array {
  if (i32.length < n) i32 = new Int32Array(Math.max(n, i32.length * 2))
  return i32
}
function precScratch(n: number): Float64Array {
  // a huge image (thousands of categories) gets a one-off buffer rather than keeping megabytes alive
  if (n > 1 << 20) return new Float64Array(n)
  if (prec.length < n) prec = new Float64Array(Math.max(n, prec.length * 2))
  return prec
}

/**
 * `COCOeval` (bbox, area "all", maxDets 100) of one image whose detections all score 1, as `cocoEvaluate` computes
 * `stats[0]` and `stats[1]` for it, specialised: categories are the distinct gt labels in first-seen order; each
 * category's IoU matrix is computed once for the 10 thresholds, matching runs on typed scratch arrays, the 101-point
 * precision is sampled by a pointer walk, and the means are numpy's pairwise sums over the same `[T, R, K]` block
 * in the same order, so every double equals the general path's (a property test checks it against `cocoEvaluate`).
 * Detections keep answer order (the stable sort of equal scores); each category keeps its first 100.
 * `areaFilter: false` departs from COCOeval: see `SingleImageApOptions`.
 * @see pycocotools `cocoeval.py` (`evaluateImg`, `accumulate`, `_summarize`); ../coco/
 * @example singleImageAp([{ box: [0, 0, 100, 100], label: 'a' }], [{ box: [0, 0, 100, 100], label: 'a' }]).ap //= 0.9999999999999998
 */
export function singleImageAp(
  gts: readonly LabelledBoxXYXY[],
  preds: readonly LabelledBoxXYXY[],
  { areaFilter = true }: SingleImageApOptions = {},
): SingleImageAp {
  const NG = gts.length
  // categories in first-seen order: labels[c], and a Map only past a few labels (scanning ~4 strings beats hashing)
  const labels = LABELS
  let catOf: Map<string, number> | undefined
  let K = 0
  // Int32 scratch: gtCat [NG] | dtCat [ND] | gtStart [K+1] | dtStart [K+1] | gtList [NG] | dtList [ND] | meta [11·Kv]
  const ND = preds.length
  const ints = i32Scratch(2 * NG + 2 * ND + 2 * (NG + 1) + META * NG + 8)
  for (let g = 0; g < NG; g++) {
    const label = (gts[g] as LabelledBoxXYXY).label
    let c = categoryOf(label, labels, K, catOf)
    if (c < 0) {
      c = K++
      labels[c] = label
      if (catOf) catOf.set(label, c)
      else if (K > LINEAR_LABELS) catOf = new Map(labels.slice(0, K).map((l, i) => [l, i]))
    }
    ints[g] = c
  }
  let unknown: Set<string> | undefined
  let known = 0
  const dtCat = NG
  for (let d = 0; d < ND; d++) {
    const label = (preds[d] as LabelledBoxXYXY).label
    const c = categoryOf(label, labels, K, catOf)
    if (c < 0) {
      unknown ??= new Set()
      unknown.add(label)
      ints[dtCat + d] = -1
    } else {
      ints[dtCat + d] = c
      known++
    }
  }
  const unknownLabels = unknown?.size ?? 0
  if (K === 0 || known === 0) return { ap: 0, ap50: 0, unknownLabels, categories: K, known }
  // bucket gts and dts by category, keeping their order (a counting sort)
  const gtStart = dtCat + ND
  const dtStart = gtStart + K + 1
  const gtList = dtStart + K + 1
  const dtList = gtList + NG
  ints.fill(0, gtStart, dtList)
  for (let g = 0; g < NG; g++) bump(ints, gtStart + (ints[g] as number) + 1, 1)
  for (let d = 0; d < ND; d++) {
    const c = ints[dtCat + d] as number
    if (c >= 0) bump(ints, dtStart + c + 1, 1)
  }
  for (let k = 0; k < K; k++) {
    ints[gtStart + k + 1] = (ints[gtStart + k + 1] as number) + (ints[gtStart + k] as number)
    ints[dtStart + k + 1] = (ints[dtStart + k + 1] as number) + (ints[dtStart + k] as number)
  }
  // fill from the ends of the buckets backwards so each bucket keeps input order, without a cursor array
  for (let g = NG - 1; g >= 0; g--) {
    ints[gtList + bump(ints, gtStart + (ints[g] as number) + 1, -1)] = g
  }
  for (let d = ND - 1; d >= 0; d--) {
    const c = ints[dtCat + d] as number
    if (c >= 0) ints[dtList + bump(ints, dtStart + c + 1, -1)] = d
  }
  // now gtStart[k + 1] holds bucket k's start; its end is gtStart[k + 2] (or the total for the last bucket)

  // categories with a gt inside the area range are the ones summarize averages (the others are −1 throughout);
  // meta per such category: f64 offset of its gts, G, npig, dts (ints index), D, offset among all dts, IoU offset,
  // gts (ints index), how many leading cells of its latest precision row may be non-zero, the thresholds at which
  // an IoU stops qualifying (bit t), and whether its flags changed at the current threshold
  const metaAt = dtList + ND
  let Kv = 0
  let gtCells = 0
  let dtCells = 0
  let iouCells = 0
  let maxD = 0
  for (let k = 0; k < K; k++) {
    const g0 = ints[gtStart + k + 1] as number
    const G = (k + 1 < K ? (ints[gtStart + k + 2] as number) : NG) - g0
    const npig = realGts(gts, ints, gtList + g0, G)
    if (npig === 0) continue
    const d0 = ints[dtStart + k + 1] as number
    const D = Math.min(MAX_DETS, (k + 1 < K ? (ints[dtStart + k + 2] as number) : known) - d0)
    const m = metaAt + META * Kv++
    ints[m] = gtCells
    ints[m + 1] = G
    ints[m + 2] = npig
    ints[m + 3] = dtList + d0
    ints[m + 4] = D
    ints[m + 5] = dtCells
    ints[m + 6] = iouCells
    gtCells += 5 * G
    dtCells += D
    iouCells += D * G
    ints[m + 7] = gtList + g0
    if (D > maxD) maxD = D
  }
  if (Kv === 0) return { ap: -1, ap50: -1, unknownLabels, categories: K, known }
  // Float64 scratch: gts [gtCells] | dt outside-area [dtCells] | IoUs [iouCells] | latest flags, trial flags
  // [2·dtCells] | gtm, rc, pr
  const s = f64Scratch(gtCells + 3 * dtCells + iouCells + NG + 2 * maxD)
  const dtOutAt = gtCells
  const iouAt = dtOutAt + dtCells
  const flagAt = iouAt + iouCells
  const work = flagAt + 2 * dtCells
  for (let kv = 0; kv < Kv; kv++) setupCategory(gts, preds, ints, metaAt + META * kv, s, dtOutAt, iouAt, areaFilter)
  const out = precScratch(T * R * Kv)
  const latest = flagAt
  const trial = flagAt + dtCells
  for (let t = 0; t < T; t++) {
    let changed = 0
    for (let kv = 0; kv < Kv; kv++) {
      const m = metaAt + META * kv
      // the matching depends only on which IoUs reach the threshold: rerun it only when one lies in [thr(t−1), thr(t))
      if (t > 0 && !(((ints[m + 9] as number) >> t) & 1)) continue
      const dOff = ints[m + 5] as number
      const D = ints[m + 4] as number
      matchCategory(ints, m, s, t, iouAt, dtOutAt, trial + dOff, work)
      if (t > 0 && sameFlags(s, trial + dOff, latest + dOff, D)) continue
      for (let d = 0; d < D; d++) s[latest + dOff + d] = s[trial + dOff + d] as number
      ints[m + 10] = 1
      changed++
    }
    // unchanged categories keep the previous threshold's precision row: copy the block (one memmove), rewrite the rest
    if (changed < Kv) out.copyWithin(t * R * Kv, (t - 1) * R * Kv, t * R * Kv)
    else out.fill(0, t * R * Kv, (t + 1) * R * Kv)
    for (let kv = 0; changed > 0 && kv < Kv; kv++) {
      const m = metaAt + META * kv
      if (!ints[m + 10]) continue
      ints[m + 10] = 0
      const zeroUntil = changed < Kv ? (ints[m + 8] as number) : 0
      const flags = latest + (ints[m + 5] as number)
      ints[m + 8] = writeRow(
        s,
        flags,
        ints[m + 4] as number,
        ints[m + 2] as number,
        work,
        out,
        t * R * Kv + kv,
        Kv,
        zeroUntil,
      )
    }
  }
  const ap = pairwiseSumF64(out, 0, T * R * Kv) / (T * R * Kv)
  const ap50 = pairwiseSumF64(out, 0, R * Kv) / (R * Kv)
  return { ap, ap50, unknownLabels, categories: K, known }
}

/** The category of `label`: its index in `labels[0, K)`, through `catOf` when there is one; −1 when none. */
function categoryOf(label: string, labels: string[], K: number, catOf: Map<string, number> | undefined): number {
  if (catOf) return catOf.get(label) ?? -1
  for (let c = 0; c < K; c++) if (labels[c] === label) return c
  return -1
}

/** Adds `by` to `a[i]` and returns the new value. */
function bump(a: Int32Array, i: number, by: number): number {
  const v = (a[i] as number) + by
  a[i] = v
  return v
}

/** COCO's area ignore rule for area range "all" (`area < min or area > max`; NaN is inside). */
function outsideArea(b: readonly number[]): boolean {
  const area = ((b[2] as number) - (b[0] as number)) * ((b[3] as number) - (b[1] as number))
  return area < AREA.min || area > AREA.max
}

/** Ground truths of one category inside the area range (`npig`). */
function realGts(gts: readonly LabelledBoxXYXY[], ints: Int32Array, at: number, G: number): number {
  let n = 0
  for (let g = 0; g < G; g++) if (!outsideArea((gts[ints[at + g] as number] as LabelledBoxXYXY).box)) n++
  return n
}

/**
 * One category's fixed data: its gts as xywh + ignore flag in gtind order (real ones first, then ignored ones, each
 * in annotation order: pycocotools' stable argsort of `_ignore`), its detections' area-range flags (all 0 without
 * `areaFilter`), and the IoUs
 * `iou[d·G + g]` (`maskApi.c bbIou` on the xywh boxes `cocoEvaluate` would build), indexed by that sorted position.
 */
function setupCategory(
  gts: readonly LabelledBoxXYXY[],
  preds: readonly LabelledBoxXYXY[],
  ints: Int32Array,
  m: number,
  s: Float64Array,
  dtOutAt: number,
  iouAt: number,
  areaFilter: boolean,
): void {
  const gOff = ints[m] as number
  const G = ints[m + 1] as number
  const dtAt = ints[m + 3] as number
  const D = ints[m + 4] as number
  const dOff = dtOutAt + (ints[m + 5] as number)
  const iou = iouAt + (ints[m + 6] as number)
  const gtAt = ints[m + 7] as number
  let crossings = 0
  let w = gOff
  for (let pass = 0; pass < 2; pass++)
    for (let g = 0; g < G; g++) {
      const b = (gts[ints[gtAt + g] as number] as LabelledBoxXYXY).box
      const ig = outsideArea(b)
      if (ig !== (pass === 1)) continue
      s[w] = b[0]
      s[w + 1] = b[1]
      s[w + 2] = b[2] - b[0]
      s[w + 3] = b[3] - b[1]
      s[w + 4] = ig ? 1 : 0
      w += 5
    }
  for (let d = 0; d < D; d++) {
    const b = (preds[ints[dtAt + d] as number] as LabelledBoxXYXY).box
    s[dOff + d] = areaFilter && outsideArea(b) ? 1 : 0
    const dw = b[2] - b[0]
    const dh = b[3] - b[1]
    for (let g = 0; g < G; g++) {
      const v = bbIou(b[0], b[1], dw, dh, dw * dh, s, gOff + 5 * g)
      s[iou + d * G + g] = v
      crossings |= crossing(v)
    }
  }
  ints[m + 9] = crossings
  ints[m + 10] = 0
}

/** Bit t set when `thr(t−1) ≤ v < thr(t)`: the threshold at which IoU `v` stops qualifying a match. */
function crossing(v: number): number {
  if (!(v >= (THR[0] as number))) return 0
  for (let t = 1; t < T; t++) if (v < (THR[t] as number)) return 1 << t
  return 0
}

/**
 * `evaluateImg`'s greedy matching of one category at threshold t: each detection in order takes the unmatched gt of
 * highest IoU ≥ t (the last on ties); flags TP, FP or 0 (ignored) at `s[flags + d]`.
 */
function matchCategory(
  ints: Int32Array,
  m: number,
  s: Float64Array,
  t: number,
  iouAt: number,
  dtOutAt: number,
  flags: number,
  gtm: number,
): void {
  const gOff = ints[m] as number
  const G = ints[m + 1] as number
  const D = ints[m + 4] as number
  const dOff = ints[m + 5] as number
  const iou = iouAt + (ints[m + 6] as number)
  const thr = THR[t] as number
  // a loop, not TypedArray#fill: the builtin call costs more than clearing a handful of cells
  for (let g = 0; g < G; g++) s[gtm + g] = 0
  for (let d = 0; d < D; d++) {
    let best = thr
    let mi = -1
    for (let g = 0; g < G; g++) {
      if (s[gtm + g]) continue
      // real gts come first: once one matched, an ignored gt cannot replace it
      if (mi > -1 && !s[gOff + 5 * mi + 4] && s[gOff + 5 * g + 4]) break
      const v = s[iou + d * G + g] as number
      if (v < best) continue
      best = v
      mi = g
    }
    if (mi === -1) s[flags + d] = s[dtOutAt + dOff + d] ? 0 : FP
    else {
      s[flags + d] = s[gOff + 5 * mi + 4] ? 0 : TP
      s[gtm + mi] = 1
    }
  }
}

function sameFlags(s: Float64Array, a: number, b: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (s[a + i] !== s[b + i]) return false
  return true
}

/** `maskApi.c bbIou` for a non-crowd gt at `g[at..at+3]` (xywh), the same double operations as ../coco/evaluate.ts. */
function bbIou(dx: number, dy: number, dw: number, dh: number, da: number, g: Float64Array, at: number): number {
  const gx = g[at] as number
  const gy = g[at + 1] as number
  const gw = g[at + 2] as number
  const gh = g[at + 3] as number
  const w = Math.min(dx + dw, gx + gw) - Math.max(dx, gx)
  if (!(w > 0)) return 0
  const h = Math.min(dy + dh, gy + gh) - Math.max(dy, gy)
  if (!(h > 0)) return 0
  const i = w * h
  const o = i / (da + gw * gh - i)
  return Number.isFinite(o) ? o : 0
}
