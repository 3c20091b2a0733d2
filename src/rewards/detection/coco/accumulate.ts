import type { ImageEval } from './evaluate.js'
import { type CocoParams, NP_SPACING_1, zeros } from './params.js'

/**
 * `COCOeval.accumulate()` output; −1 marks cells with no ground truth. Stored area- and maxDet-major
 * (`[A, M, T, R, K]` and `[A, M, T, K]`) so that each summary reads one contiguous block in the order numpy
 * averages it; `toPycocotoolsLayout` gives pycocotools' `[T, R, K, A, M]` and `[T, K, A, M]`.
 */
export interface CocoAccumulated {
  /** `[A, M, T, R, K]`, C order */
  precision: Float64Array
  /** `[A, M, T, K]`, C order */
  recall: Float64Array
  shape: { T: number; R: number; K: number; A: number; M: number }
  /** every wanted precision cell holds a value ≥ 0 (each category has ground truth): summaries need not filter */
  complete: boolean
}

/**
 * `COCOeval.accumulate()`: per (category, area range, maxDet), concatenate the images' top-`maxDet` detections,
 * stable-sort by score, take cumulative TP/FP per IoU threshold, `pr = tp/(tp + fp + np.spacing(1))`, make it
 * non-increasing from the right and sample it at the recall thresholds (`searchsorted(rc, r, 'left')`; past the
 * last recall the value stays 0).
 */
export function accumulate(
  evalImgs: readonly (ImageEval | null)[],
  p: CocoParams,
  K: number,
  I: number,
  /** the maxDets indices whose precision is wanted (default all); the others stay −1, which saves most of the work */
  precisionFor?: readonly number[],
): CocoAccumulated {
  const T = p.iouThrs.length
  const R = p.recThrs.length
  const A = p.areaRanges.length
  const M = p.maxDets.length
  const precision = buffer(T * R * K * A * M)
  const wanted = zeros(M)
  for (let m = 0; m < M; m++) wanted[m] = precisionFor === undefined || precisionFor.includes(m) ? 1 : 0
  // every wanted cell is written below (−1 where a category has no ground truth); the others are filled now
  for (let a = 0; a < A; a++)
    for (let m = 0; m < M; m++) if (!wanted[m]) precision.fill(-1, (a * M + m) * T * R * K, (a * M + m + 1) * T * R * K)
  const recall = buffer(T * K * A * M).fill(-1)
  const E: ImageEval[] = []
  let complete = true
  for (let k = 0; k < K; k++)
    for (let a = 0; a < A; a++) {
      E.length = 0
      let npig = 0
      for (let i = 0; i < I; i++) {
        const e = evalImgs[(k * A + a) * I + i]
        if (e) {
          E.push(e)
          npig += e.npig
        }
      }
      if (E.length === 0 || npig === 0) {
        complete = false
        for (let m = 0; m < M; m++)
          if (wanted[m])
            for (let t = 0; t < T; t++) {
              const base = ((a * M + m) * T + t) * R * K + k
              for (let r = 0; r < R; r++) precision[base + r * K] = -1
            }
        continue
      }
      for (let m = 0; m < M; m++) {
        const { scores, flags, nd } = gather(E, p.maxDets[m] as number, T)
        const order = stableOrderDesc(scores)
        const tp = zeros(nd)
        const pr = zeros(nd)
        const rc = zeros(nd)
        const recThrs = p.recThrs
        for (let t = 0; t < T; t++) {
          const row = t * nd
          let tpSum = 0
          let fpSum = 0
          for (let j = 0; j < nd; j++) {
            // ignored detections leave tp/fp unchanged but still occupy a position
            const f = flags[row + (order[j] as number)]
            if (f === TP) tpSum++
            else if (f === FP) fpSum++
            tp[j] = tpSum
            pr[j] = tpSum / (fpSum + tpSum + NP_SPACING_1)
          }
          recall[((a * M + m) * T + t) * K + k] = nd ? (tp[nd - 1] as number) / npig : 0
          if (!wanted[m]) continue
          for (let j = nd - 1; j > 0; j--) if ((pr[j] as number) > (pr[j - 1] as number)) pr[j - 1] = pr[j] as number
          // rc = tp / npig, then q[r] = pr[searchsorted(rc, recThrs[r], 'left')] (0 past the end)
          for (let j = 0; j < nd; j++) rc[j] = (tp[j] as number) / npig
          let j = 0
          const base = ((a * M + m) * T + t) * R * K + k
          for (let r = 0; r < R; r++) {
            const thr = recThrs[r] as number
            while (j < nd && (rc[j] as number) < thr) j++
            precision[base + r * K] = j < nd ? (pr[j] as number) : 0
          }
        }
      }
    }
  return { precision, recall, shape: { T, R, K, A, M }, complete }
}

function buffer(n: number): Float64Array {
  return new Float64Array(n)
}

const TP = 1
const FP = 2

/**
 * Concatenates each image's first `maxDet` detections: their scores, and per threshold t a flag at `t·nd + j`:
 * TP (matched, not ignored), FP (unmatched, not ignored) or 0 (ignored).
 */
function gather(E: readonly ImageEval[], maxDet: number, T: number) {
  let nd = 0
  for (const e of E) nd += Math.min(maxDet, e.dtScores.length)
  const scores = zeros(nd)
  const flags = zeros(T * nd)
  let w = 0
  for (const e of E) {
    const Dall = e.dtScores.length
    const D = Math.min(maxDet, Dall)
    for (let d = 0; d < D; d++) {
      scores[w + d] = e.dtScores[d] as number
      for (let t = 0; t < T; t++) {
        const c = t * Dall + d
        flags[t * nd + w + d] = e.dtIgnore[c] ? 0 : e.dtMatched[c] ? TP : FP
      }
    }
    w += D
  }
  return { scores, flags, nd }
}

/** Transposes to pycocotools' layouts: `precision [T, R, K, A, M]`, `recall [T, K, A, M]`. */
export function toPycocotoolsLayout(acc: CocoAccumulated): { precision: Float64Array; recall: Float64Array } {
  const { T, R, K, A, M } = acc.shape
  const precision = buffer(T * R * K * A * M)
  const recall = new Float64Array(T * K * A * M)
  for (let a = 0; a < A; a++)
    for (let m = 0; m < M; m++)
      for (let t = 0; t < T; t++) {
        for (let k = 0; k < K; k++)
          recall[((t * K + k) * A + a) * M + m] = acc.recall[((a * M + m) * T + t) * K + k] as number
        for (let r = 0; r < R; r++)
          for (let k = 0; k < K; k++)
            precision[(((t * R + r) * K + k) * A + a) * M + m] = acc.precision[
              (((a * M + m) * T + t) * R + r) * K + k
            ] as number
      }
  return { precision, recall }
}

/** `np.argsort(-scores, kind='mergesort')`: descending, ties in input order, NaN last. */
function stableOrderDesc(scores: readonly number[]): number[] {
  const order = Array.from({ length: scores.length }, (_, i) => i)
  return order.sort((a, b) => {
    const sa = scores[a] as number
    const sb = scores[b] as number
    if (sa === sb) return 0
    if (Number.isNaN(sa)) return Number.isNaN(sb) ? 0 : 1
    if (Number.isNaN(sb)) return -1
    return sb > sa ? 1 : -1
  })
}
