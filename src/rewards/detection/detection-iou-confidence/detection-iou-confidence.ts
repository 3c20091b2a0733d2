import { type BoxXYXY, greedyMatch } from '../../geometry/index.js'

/** One prediction for the Visual-RFT rewards: a box in pixels and its confidence in [0, 1]. */
export interface ConfidentBox {
  box: BoxXYXY
  confidence: number
}

export interface IouConfidenceDetail {
  /** `R_IoU = ΣIoU_matched / max(N_gt, N_pred)`, capped at 1 */
  iou: number
  /** `R_conf = mean(conf if matched else 1 − conf)`, clamped to [0, 1] */
  confidence: number
  matched: number
}

/**
 * Visual-RFT's detection rewards. Predictions with identical boxes are deduplicated (first kept), sorted by
 * confidence (stable, highest first); each takes the unmatched ground truth of highest continuous IoU and keeps
 * it only if IoU > .5 (strict). `R_IoU = ΣIoU/max(N_gt, N_pred)` and
 * `R_conf = mean_k(conf_k if IoU_k > 0 else 1 − conf_k)`: confident false positives cost, and low confidence on
 * misses is rewarded. No prediction and no ground truth give 0 here; the reward decides the empty cases.
 * @see Liuziyu77/Visual-RFT `src/virft/src/open_r1/grpo.py` (`accuracy_reward_iou`, `accuracy_reward_confidence`); rewards.md 1a
 * @example iouConfidence([[10, 10, 50, 50], [60, 60, 100, 100]], [{ box: [12, 12, 50, 50], confidence: 0.9 }, { box: [200, 200, 220, 220], confidence: 0.6 }]) //= { iou: 0.45125, confidence: 0.65, matched: 1 }
 */
export function iouConfidence(gts: readonly BoxXYXY[], predsIn: readonly ConfidentBox[]): IouConfidenceDetail {
  const preds = dedupe(predsIn)
  if (preds.length === 0) return { iou: 0, confidence: 0, matched: 0 }
  // Array.prototype.sort is stable, as Python's sorted
  const order = [...preds].sort((a, b) => b.confidence - a.confidence)
  const matches = greedyMatch(
    order.map((p) => p.box),
    gts,
    { threshold: 0.5, strict: true },
  )
  let iouSum = 0
  let confSum = 0
  let matched = 0
  for (let k = 0; k < order.length; k++) {
    const m = matches[k] as { gt: number; iou: number }
    const c = (order[k] as ConfidentBox).confidence
    if (m.gt >= 0) {
      matched++
      iouSum += m.iou
      confSum += c
    } else confSum += 1 - c
  }
  const iou = Math.min(1, iouSum / Math.max(gts.length, order.length))
  const confidence = Math.min(1, Math.max(0, confSum / order.length))
  return { iou, confidence, matched }
}

/** Same coordinates as `String` compares them (the reference's key): −0 equals 0, and NaN equals NaN. */
const sameCoord = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b))

/**
 * The predictions with an identical box dropped (first kept), as a set of `"x1,y1,x2,y2"` strings would: by pairwise
 * comparison for short lists (no key strings to build), by the string set for long ones.
 */
function dedupe(predsIn: readonly ConfidentBox[]): ConfidentBox[] {
  const preds: ConfidentBox[] = []
  if (predsIn.length > 64) {
    const seen = new Set<string>()
    for (const p of predsIn) {
      const key = `${p.box[0]},${p.box[1]},${p.box[2]},${p.box[3]}`
      if (seen.has(key)) continue
      seen.add(key)
      preds.push(p)
    }
    return preds
  }
  outer: for (const p of predsIn) {
    const b = p.box
    for (const q of preds) {
      const c = q.box
      if (sameCoord(b[0], c[0]) && sameCoord(b[1], c[1]) && sameCoord(b[2], c[2]) && sameCoord(b[3], c[3]))
        continue outer
    }
    preds.push(p)
  }
  return preds
}

/**
 * Visual-RFT `extract_bbox` on the answer text, as written: `[[`→`[`, `]]`→`]`, newlines removed; a list that does
 * not end in `]` is cut after its last complete `},` and closed with `}]`; single quotes become double; then JSON.
 * Returns undefined when that is not JSON (Python's `json.loads` also takes NaN/Infinity; JSON.parse does not).
 * @example visualRftJson("[{'Position': [1, 2, 3, 4], 'Confidence': 0.5}, {'Posi") //= [{ Position: [1, 2, 3, 4], Confidence: 0.5 }]
 */
export function visualRftJson(answer: string): unknown {
  let s = answer.replaceAll('[[', '[').replaceAll(']]', ']').replaceAll('\n', '')
  if (!s.endsWith(']')) {
    const cut = s.lastIndexOf('},')
    s = `${cut >= 0 ? s.slice(0, cut) : s}}]`
  }
  try {
    return JSON.parse(s.replaceAll("'", '"'))
  } catch {
    return undefined
  }
}
