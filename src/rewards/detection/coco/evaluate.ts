import type { CocoIndex } from './dataset.js'
import { type CocoParams, zeros } from './params.js'

/** pycocotools `evaluateImg` output for one (category, area range, image), in the score order of the detections. */
export interface ImageEval {
  /** detection scores, best first, at most `maxDets[-1]` */
  dtScores: number[]
  /** `[t * D + d]`: matched to a ground truth with a non-zero id at threshold t */
  dtMatched: number[]
  /** `[t * D + d]`: ignored (matched to an ignored gt, or unmatched and outside the area range) */
  dtIgnore: number[]
  /** ground truths not ignored (not crowd, inside the area range) */
  npig: number
}

/** Per cell: detections sorted by score (stable, capped) and their IoUs against the cell's ground truths. */
interface CellIous {
  dt: number[]
  /** `[d * G + g]`, ground truths in annotation order */
  ious: number[]
}

/**
 * `stable argsort(-score)`, as `np.argsort(kind='mergesort')`: ties keep input order. NaN scores go last, as
 * numpy sorts NaN keys last.
 */
export function sortByScore(index: readonly number[], score: readonly number[]): number[] {
  return [...index].sort((a, b) => {
    const sa = score[a] as number
    const sb = score[b] as number
    if (sa === sb) return 0
    if (Number.isNaN(sa)) return Number.isNaN(sb) ? 0 : 1
    if (Number.isNaN(sb)) return -1
    return sb - sa > 0 ? 1 : -1
  })
}

/**
 * `maskApi.c bbIou` on xywh boxes, the same double operations in the same order: no +1, and for a crowd gt the
 * union is the detection's area. A non-finite box gives 0 (the C code would give NaN, which then matches any gt).
 */
function bbIou(d: readonly number[], dn: number, g: readonly number[], gn: number, crowd: boolean): number {
  const dx = d[dn] as number
  const dy = d[dn + 1] as number
  const dw = d[dn + 2] as number
  const dh = d[dn + 3] as number
  const gx = g[gn] as number
  const gy = g[gn + 1] as number
  const gw = g[gn + 2] as number
  const gh = g[gn + 3] as number
  const w = Math.min(dx + dw, gx + gw) - Math.max(dx, gx)
  if (!(w > 0)) return 0
  const h = Math.min(dy + dh, gy + gh) - Math.max(dy, gy)
  if (!(h > 0)) return 0
  const i = w * h
  const da = dw * dh
  const u = crowd ? da : da + gw * gh - i
  const o = i / u
  return Number.isFinite(o) ? o : 0
}

/** `computeIoU` for one cell; undefined when the cell has no ground truth or no detection. */
function cellIous(index: CocoIndex, cell: number, maxDet: number): CellIous | undefined {
  const gts = index.gtCells[cell]
  const dts = index.dtCells[cell]
  if (!gts || !dts) return undefined
  const sorted = sortByScore(dts, index.dtScore)
  const D = Math.min(sorted.length, maxDet)
  const G = gts.length
  const dt = sorted.length > D ? sorted.slice(0, D) : sorted
  const ious = zeros(D * G)
  for (let d = 0; d < D; d++)
    for (let g = 0; g < G; g++) {
      const gn = gts[g] as number
      ious[d * G + g] = bbIou(index.dtBox, (dt[d] as number) * 4, index.gtBox, gn * 4, index.gtCrowd[gn] === 1)
    }
  return { dt, ious }
}

/**
 * `COCOeval.evaluate()`: one `ImageEval` per (category k, area range a, image i) at index `(k·A + a)·I + i`,
 * null where the cell has neither ground truth nor detection. `areaRanges` may be a subset of the params' (a reward
 * that needs only the "all" range skips the others; each range is evaluated independently).
 */
export function evaluate(index: CocoIndex, p: CocoParams): (ImageEval | null)[] {
  const I = index.imgIds.length
  const K = index.catIds.length
  const A = p.areaRanges.length
  const maxDet = p.maxDets[p.maxDets.length - 1] as number
  const out: (ImageEval | null)[] = new Array(K * A * I).fill(null)
  for (let i = 0; i < I; i++)
    for (let k = 0; k < K; k++) {
      const cell = i * K + k
      const gts = index.gtCells[cell]
      const dts = index.dtCells[cell]
      if (!gts && !dts) continue
      const ious = cellIous(index, cell, maxDet)
      const dtOrder = ious ? ious.dt : sortByScore(dts ?? [], index.dtScore).slice(0, maxDet)
      for (let a = 0; a < A; a++) out[(k * A + a) * I + i] = evaluateImg(index, p, a, gts ?? [], dtOrder, ious)
    }
  return out
}

function evaluateImg(
  index: CocoIndex,
  p: CocoParams,
  a: number,
  gtsIn: readonly number[],
  dt: readonly number[],
  cell: CellIous | undefined,
): ImageEval {
  const { min, max } = p.areaRanges[a] as { min: number; max: number }
  const G = gtsIn.length
  const D = dt.length
  const T = p.iouThrs.length
  // gt._ignore, then a stable sort putting non-ignored first (gtind)
  const gtIgRaw = zeros(G)
  for (let g = 0; g < G; g++) {
    const n = gtsIn[g] as number
    const area = index.gtArea[n] as number
    gtIgRaw[g] = index.gtCrowd[n] || area < min || area > max ? 1 : 0
  }
  const gtind = zeros(G)
  let w = 0
  for (let g = 0; g < G; g++) if (!gtIgRaw[g]) gtind[w++] = g
  const npig = w
  for (let g = 0; g < G; g++) if (gtIgRaw[g]) gtind[w++] = g
  const dtMatched = zeros(T * D)
  const dtIgnore = zeros(T * D)
  const dtScores = zeros(D)
  for (let d = 0; d < D; d++) dtScores[d] = index.dtScore[dt[d] as number] as number
  if (cell && G > 0) {
    const gtm = zeros(T * G)
    for (let t = 0; t < T; t++) {
      const thr = Math.min(p.iouThrs[t] as number, 1 - 1e-10)
      for (let d = 0; d < D; d++) {
        let best = thr
        let m = -1
        for (let s = 0; s < G; s++) {
          const g = gtind[s] as number
          const crowd = index.gtCrowd[gtsIn[g] as number] === 1
          if (gtm[t * G + s] && !crowd) continue
          // gts are sorted non-ignored first: once a real gt matched, ignored ones cannot replace it
          if (m > -1 && !gtIgRaw[gtind[m] as number] && gtIgRaw[g]) break
          const v = cell.ious[d * G + g] as number
          if (v < best) continue
          best = v
          m = s
        }
        if (m === -1) continue
        const gm = gtind[m] as number
        dtIgnore[t * D + d] = gtIgRaw[gm] as number
        dtMatched[t * D + d] = index.gtIdNonZero[gtsIn[gm] as number] as number
        gtm[t * G + m] = 1
      }
    }
  }
  // unmatched detections outside the area range are ignored
  for (let d = 0; d < D; d++) {
    const area = index.dtArea[dt[d] as number] as number
    if (!(area < min || area > max)) continue
    for (let t = 0; t < T; t++) if (!dtMatched[t * D + d]) dtIgnore[t * D + d] = 1
  }
  return { dtScores, dtMatched, dtIgnore, npig }
}
