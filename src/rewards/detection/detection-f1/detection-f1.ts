import { type BoxXYXY, iou } from '../../geometry/index.js'

/** A labelled box in original-image pixels. */
export interface LabelledBox {
  box: BoxXYXY
  label: string
}

export interface DetectionF1Options {
  /** IoU a pair needs (≥) */
  iouThreshold: number
  /** labels must match (trimmed, case-insensitive) */
  classAware: boolean
  /** `hungarian`: the most pairs above the threshold, then the highest total IoU; `greedy`: COCO-style, in answer order */
  matching: 'hungarian' | 'greedy'
}

export interface DetectionF1Detail {
  tp: number
  precision: number
  recall: number
  f1: number
}

const norm = (s: string) => s.trim().toLowerCase()

/**
 * Detection precision, recall and F1 at an IoU threshold: a prediction is a true positive when matched one-to-one
 * to a ground truth with IoU ≥ threshold (and the same label when `classAware`). `nPred` may exceed
 * `preds.length` to count malformed items as false positives. No ground truth and no prediction: all 1; otherwise
 * an empty side makes all three 0.
 * @see protocols.md A "Hungarian or greedy matching with an extra-box penalty"; the standard detection P/R/F1
 * @example detectionF1([{ box: [0, 0, 10, 10], label: 'a' }], [{ box: [0, 0, 10, 10], label: 'a' }, { box: [50, 50, 60, 60], label: 'a' }], { iouThreshold: 0.5, classAware: true, matching: 'hungarian' }) //= { tp: 1, precision: 0.5, recall: 1, f1: 0.6666… }
 */
export function detectionF1(
  gts: readonly LabelledBox[],
  preds: readonly LabelledBox[],
  o: DetectionF1Options,
  nPred = preds.length,
): DetectionF1Detail {
  if (gts.length === 0 && nPred === 0) return { tp: 0, precision: 1, recall: 1, f1: 1 }
  if (gts.length === 0 || nPred === 0) return { tp: 0, precision: 0, recall: 0, f1: 0 }
  // labels normalised once per box, not once per pair
  const predLabels = o.classAware ? preds.map((p) => norm(p.label)) : []
  const gtLabels = o.classAware ? gts.map((g) => norm(g.label)) : []
  const eligible = (pi: number, gi: number): number => {
    if (o.classAware && predLabels[pi] !== gtLabels[gi]) return -1
    const v = iou((preds[pi] as LabelledBox).box, (gts[gi] as LabelledBox).box)
    return v >= o.iouThreshold && v > 0 ? v : -1
  }
  let tp = 0
  if (o.matching === 'greedy') {
    const used = new Uint8Array(gts.length)
    for (let pi = 0; pi < preds.length; pi++) {
      let best = -1
      let bestIou = -1
      for (let g = 0; g < gts.length; g++) {
        if (used[g]) continue
        const v = eligible(pi, g)
        if (v > bestIou) {
          bestIou = v
          best = g
        }
      }
      if (best >= 0 && bestIou >= 0) {
        used[best] = 1
        tp++
      }
    }
  } else if (preds.length > 0) tp = mostEligiblePairs(preds.length, gts.length, eligible)
  const precision = tp / nPred
  const recall = tp / gts.length
  const f1 = tp === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { tp, precision, recall, f1 }
}

/**
 * How many pairs the `hungarian` matching of detectionF1 makes eligible: with ineligible pairs at +Infinity (worse
 * than any finite total) it first maximises the number of eligible pairs, so that number is the size of a maximum
 * matching of the eligibility graph, whatever the IoUs. Kuhn's augmenting paths find it on the P×G graph without
 * building and solving the cost matrix (which, through `munkres`, was most of detection-f1's time). Checked against
 * the assignment by `hungarian` in detection-f1.test.ts.
 */
function mostEligiblePairs(P: number, G: number, eligible: (pi: number, gi: number) => number): number {
  const ok = new Uint8Array(P * G)
  for (let pi = 0; pi < P; pi++) for (let gi = 0; gi < G; gi++) ok[pi * G + gi] = eligible(pi, gi) >= 0 ? 1 : 0
  const gtOwner = new Int32Array(G).fill(-1)
  const seen = new Int32Array(G).fill(-1)
  const augment = (pi: number, round: number): boolean => {
    for (let gi = 0; gi < G; gi++) {
      if (!ok[pi * G + gi] || seen[gi] === round) continue
      seen[gi] = round
      const owner = gtOwner[gi] as number
      if (owner < 0 || augment(owner, round)) {
        gtOwner[gi] = pi
        return true
      }
    }
    return false
  }
  let pairs = 0
  for (let pi = 0; pi < P; pi++) if (augment(pi, pi)) pairs++
  return pairs
}
