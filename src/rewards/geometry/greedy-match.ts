import type { BoxXYXY } from './box.js'
import { iou } from './iou.js'

/** The match of one prediction: the ground-truth index (−1 for none) and the IoU it was matched at. */
export interface GreedyMatch {
  gt: number
  iou: number
}

export interface GreedyMatchOptions {
  /** the IoU a match needs */
  threshold: number
  /** true: the IoU must exceed the threshold (Visual-RFT `> 0.5`); false: reach it (COCO `≥ t`) */
  strict?: boolean
  /** the IoU used (default: continuous `iou`) */
  iouFn?: (a: BoxXYXY, b: BoxXYXY) => number
}

/**
 * Greedy matching in prediction order: each prediction, in the order given (sort by confidence first), takes the
 * unmatched ground truth with the highest IoU (the first on ties) if that IoU passes the threshold. Returns one
 * entry per prediction; unmatched predictions get `{gt: -1, iou: 0}`.
 * @see rewards.md 1a (Visual-RFT `grpo.py` `accuracy_reward_iou`), protocols.md §C (COCOeval `evaluateImg`)
 * @example greedyMatch([[12, 12, 50, 50], [200, 200, 220, 220]], [[10, 10, 50, 50]], { threshold: 0.5 }) //= [{gt:0,iou:0.9025},{gt:-1,iou:0}]
 */
export function greedyMatch(
  preds: readonly BoxXYXY[],
  gts: readonly BoxXYXY[],
  { threshold, strict = false, iouFn = iou }: GreedyMatchOptions,
): GreedyMatch[] {
  const used = new Uint8Array(gts.length)
  const out: GreedyMatch[] = new Array(preds.length)
  for (let p = 0; p < preds.length; p++) {
    const pred = preds[p] as BoxXYXY
    let best = -1
    let bestIou = 0
    for (let g = 0; g < gts.length; g++) {
      if (used[g]) continue
      const v = iouFn(pred, gts[g] as BoxXYXY)
      if (best < 0 ? v > 0 : v > bestIou) {
        best = g
        bestIou = v
      }
    }
    if (best >= 0 && (strict ? bestIou > threshold : bestIou >= threshold)) {
      used[best] = 1
      out[p] = { gt: best, iou: bestIou }
    } else out[p] = { gt: -1, iou: 0 }
  }
  return out
}

/** One pair of a global greedy matching. */
export interface GlobalMatch {
  pred: number
  gt: number
  iou: number
}

/**
 * Global greedy matching: repeatedly takes the pair of unmatched boxes with the highest score (`scores[pred][gt]`,
 * first in row-major order on ties) and stops once the best remaining score is below `threshold`. Non-finite
 * scores never match.
 * @see rewards.md 2b `weighted_sum` (VLM-R1 `grpo_jsonl.py` `detection_score`)
 * @example greedyMatchGlobal([[0.6, 0.9], [0.8, 0.1]], 0.5) //= [{pred:0,gt:1,iou:0.9},{pred:1,gt:0,iou:0.8}]
 */
export function greedyMatchGlobal(scores: readonly (readonly number[])[], threshold: number): GlobalMatch[] {
  const rows = scores.length
  const cols = rows === 0 ? 0 : (scores[0] as readonly number[]).length
  const usedRow = new Uint8Array(rows)
  const usedCol = new Uint8Array(cols)
  const out: GlobalMatch[] = []
  for (let k = Math.min(rows, cols); k > 0; k--) {
    let bi = -1
    let bj = -1
    let best = Number.NEGATIVE_INFINITY
    for (let i = 0; i < rows; i++) {
      if (usedRow[i]) continue
      const row = scores[i] as readonly number[]
      for (let j = 0; j < cols; j++) {
        const v = row[j] as number
        if (!usedCol[j] && v > best && v < Number.POSITIVE_INFINITY) {
          best = v
          bi = i
          bj = j
        }
      }
    }
    if (bi < 0 || !(best >= threshold)) break
    usedRow[bi] = 1
    usedCol[bj] = 1
    out.push({ pred: bi, gt: bj, iou: best })
  }
  return out
}
