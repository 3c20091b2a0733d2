import { type BoxXYXY, greedyMatchGlobal, iouPixelInclusive } from '../../geometry/index.js'
import type { GtObject } from '../shared/reference.js'
import { type SingleImageApOptions, singleImageAp } from './single-image-ap.js'

/** A predicted object mapped to original-image pixels. */
export interface PixelPrediction {
  box: BoxXYXY
  label: string
}

export interface DetectionApDetail {
  /** COCO AP@[.5:.95] (`stats[0]`) */
  ap: number
  /** COCO AP@.5 (`stats[1]`) */
  ap50: number
  /** predicted labels absent from the ground truth */
  unknownLabels: number
}

/**
 * Per-rollout COCO mAP as VLM-R1 computes it: categories are the distinct ground-truth labels in first-seen order,
 * all boxes in one image, every prediction scored 1.0 (so detections keep answer order under the stable sort),
 * `stats[0]` and `stats[1]` of `cocoEvaluate` on that image, computed by its single-image specialisation.
 * - `faithful`: predictions whose label is not a ground-truth label are dropped silently (VLM-R1's QUIRK).
 * - `fixed` (`countUnknownLabels`): each such label counts as one more category with AP 0, so hallucinated classes
 *   cost `K/(K+U)` of the mAP instead of nothing.
 * - `areaFilter` (default true, as pycocotools; the reward's `fixed` mode sets it false): an unmatched prediction with
 *   a negative area (one side inverted) is ignored by COCO's area range, where rewards.md §2b's cumulative TP/FP
 *   counts it as a false positive; without the filter it is one, so inverted boxes cannot be sprayed for free.
 * @see om-ai-lab/VLM-R1 `src/open-r1-multimodal/src/open_r1/grpo_jsonl.py` (`calculate_map`); rewards.md 2b
 * @example detectionAp([{ box: [0, 0, 100, 100], label: 'a' }, { box: [500, 500, 600, 600], label: 'a' }], [{ box: [0, 0, 82, 100], label: 'a' }, { box: [300, 300, 310, 310], label: 'a' }], false).ap //= 0.3534…
 */
export function detectionAp(
  gts: readonly GtObject[],
  preds: readonly PixelPrediction[],
  countUnknownLabels: boolean,
  options: SingleImageApOptions = {},
): DetectionApDetail {
  const d = singleImageAp(gts, preds, options)
  if (d.categories === 0 || d.known === 0) return { ap: 0, ap50: 0, unknownLabels: d.unknownLabels }
  const K = d.categories
  const share = K / (K + (countUnknownLabels ? d.unknownLabels : 0))
  return { ap: Math.max(0, d.ap) * share, ap50: Math.max(0, d.ap50) * share, unknownLabels: d.unknownLabels }
}

/**
 * VLM-R1's length penalty (odLength): `min(1, N_gt / N_pred)`, counting every predicted item, dropped ones included.
 * @example lengthFactor(2, 4) //= 0.5
 */
export function lengthFactor(nGt: number, nPred: number): number {
  return nPred <= nGt ? 1 : nGt / nPred
}

export interface WeightedSumDetail {
  position: number
  label: number
  completeness: number
  score: number
}

/**
 * VLM-R1 `detection_score` (`weighted_sum`): global greedy matching on `iou_px` (pairs below .5 stay unmatched); a
 * matched pair whose labels differ (case-insensitive) keeps the match with IoU 0. `pos = ΣIoU/N_gt`,
 * `lab = #same label/N_gt`, `comp = 1 − (miss + false alarm)/2`; `R = (α·pos + β·lab + γ·comp)/(α + β + γ)`.
 * Empty ground truth: 1 for an empty prediction, else 0; an empty prediction otherwise scores 0.
 * @see om-ai-lab/VLM-R1 `grpo_jsonl.py` (`detection_score`, α = .7, β = 0, γ = .3); rewards.md 2b
 * @example weightedSum([{ box: [0, 0, 10, 10], label: 'a' }], [{ box: [0, 0, 10, 10], label: 'a' }]).score //= 1
 */
export function weightedSum(
  gts: readonly GtObject[],
  preds: readonly PixelPrediction[],
  { alpha = 0.7, beta = 0, gamma = 0.3, threshold = 0.5 } = {},
): WeightedSumDetail {
  if (gts.length === 0) {
    const s = preds.length === 0 ? 1 : 0
    return { position: s, label: s, completeness: s, score: s }
  }
  if (preds.length === 0) return { position: 0, label: 0, completeness: 0, score: 0 }
  const ious = preds.map((p) => gts.map((g) => iouPixelInclusive(p.box, g.box)))
  const pairs = greedyMatchGlobal(ious, threshold)
  let pos = 0
  let lab = 0
  for (const m of pairs) {
    const same = (preds[m.pred] as PixelPrediction).label.toLowerCase() === (gts[m.gt] as GtObject).label.toLowerCase()
    if (same) {
      pos += m.iou
      lab++
    }
  }
  const nGt = gts.length
  const position = pos / nGt
  const label = lab / nGt
  const completeness = 1 - ((nGt - pairs.length) / nGt + (preds.length - pairs.length) / preds.length) / 2
  const score = (alpha * position + beta * label + gamma * completeness) / (alpha + beta + gamma)
  return { position, label, completeness, score }
}
