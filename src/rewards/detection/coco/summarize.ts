import type { CocoAccumulated } from './accumulate.js'
import { type CocoParams, pairwiseSum } from './params.js'

/** Which slice of `precision` (ap) or `recall` (ar) to average: pycocotools `_summarize` arguments. */
export interface SummarizeQuery {
  ap: boolean
  iouThr?: number
  areaLabel?: string
  maxDets: number
}

/**
 * `_summarize`: the mean of the selected entries that are > −1 (numpy pairwise summation, C order), or −1 when
 * there are none (also when `iouThr` is not exactly one of the thresholds, as `np.where(iouThr == iouThrs)` finds
 * nothing then).
 */
export function summarizeOne(acc: CocoAccumulated, p: CocoParams, q: SummarizeQuery): number {
  const { T, R, K, M } = acc.shape
  const a = p.areaRanges.findIndex((r) => r.label === (q.areaLabel ?? 'all'))
  const m = p.maxDets.indexOf(q.maxDets)
  if (a < 0 || m < 0) return -1
  const block = q.ap ? R * K : K
  const src = q.ap ? acc.precision : acc.recall
  // the selection is one contiguous run: all thresholds, or the one equal to iouThr
  let t0 = 0
  let nt = T
  if (q.iouThr !== undefined) {
    t0 = p.iouThrs.indexOf(q.iouThr)
    nt = t0 < 0 ? 0 : 1
  }
  const from = ((a * M + m) * T + t0) * block
  const len = nt * block
  if (len === 0) return -1
  // a complete accumulation has no −1 cells in the slices it computed (a skipped maxDets slice is all −1)
  if (q.ap && acc.complete && (src[from] as number) > -1) return pairwiseSum(src, from, len) / len
  let valid = 0
  for (let j = 0; j < len; j++) if ((src[from + j] as number) > -1) valid++
  if (valid === 0) return -1
  // the usual case (every category has ground truth): sum in place, no copy
  if (valid === len) return pairwiseSum(src, from, len) / len
  const picked = new Float64Array(valid)
  let n = 0
  for (let j = 0; j < len; j++) {
    const v = src[from + j] as number
    if (v > -1) picked[n++] = v
  }
  return n === 0 ? -1 : pairwiseSum(picked, 0, n) / n
}

/** `summarizeDets()`: the 12 standard numbers, in pycocotools order. */
export function summarizeDets(acc: CocoAccumulated, p: CocoParams): number[] {
  const [m0, m1, m2] = [p.maxDets[0] ?? 1, p.maxDets[1] ?? 10, p.maxDets[2] ?? 100]
  const s = (ap: boolean, maxDets: number, areaLabel = 'all', iouThr?: number) =>
    summarizeOne(acc, p, iouThr === undefined ? { ap, areaLabel, maxDets } : { ap, areaLabel, maxDets, iouThr })
  return [
    s(true, m2),
    s(true, m2, 'all', 0.5),
    s(true, m2, 'all', 0.75),
    s(true, m2, 'small'),
    s(true, m2, 'medium'),
    s(true, m2, 'large'),
    s(false, m0),
    s(false, m1),
    s(false, m2),
    s(false, m2, 'small'),
    s(false, m2, 'medium'),
    s(false, m2, 'large'),
  ]
}
