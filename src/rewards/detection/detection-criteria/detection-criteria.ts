import { type BoxXYXY, giou, hungarian } from '../../geometry/index.js'
import type { ParsedPredictions } from '../shared/answer.js'

/** `f(x; lo, hi)`: 0 below `lo`, 1 above `hi`, else `x` (Vision-R1's criterion shaping). */
export function shape(x: number, lo: number, hi: number): number {
  return x < lo ? 0 : x > hi ? 1 : x
}

/** The thresholds of one phase of Vision-R1's progressive rule refinement. */
export interface CriteriaPhase {
  precision: readonly [lo: number, hi: number]
  /** GIoU at which a pair counts as a true positive for recall */
  recallT: number
  recall: readonly [lo: number, hi: number]
}

const PHASE_1: CriteriaPhase = { precision: [0.5, 0.75], recallT: 0.5, recall: [0.5, 0.75] }
const PHASE_2: CriteriaPhase = { precision: [0.75, 0.9], recallT: 0.75, recall: [0.5, 0.75] }
const NO_SCHEDULE: CriteriaPhase = { precision: [0, 1], recallT: 0.5, recall: [0, 1] }

/**
 * The phase for a training step: `adaptive` switches from (.5, .75) to (.75, .9) precision and a .75 recall
 * threshold at `switchStep`; `off` (the released script) clamps to [0, 1] with a .5 recall threshold.
 * @see rewards.md 3, table "Progressive rule refinement"
 * @example criteriaPhase('adaptive', 1500, 1500).recallT //= 0.75
 */
export function criteriaPhase(schedule: 'adaptive' | 'off', step: number, switchStep: number): CriteriaPhase {
  if (schedule === 'off') return NO_SCHEDULE
  return step >= switchStep ? PHASE_2 : PHASE_1
}

/** An object for the Vision-R1 matching: a box in original pixels and a category id (0 = background/unknown). */
export interface ClassedBox {
  box: BoxXYXY
  cls: number
}

/**
 * Box-prioritised Hungarian matching: cost `L1(px) − 1[same class] − GIoU`, `min(N_pred, N_gt)` pairs; returns
 * each pair's GIoU (the pair quality), in prediction order. `sameClass` decides what "same class" means.
 * @see jefferyZhan/Griffon `Vision-R1/vision_r1/visionr1_qwen.py`; rewards.md 3
 * @example matchGious([{ box: [0, 0, 10, 10], cls: 1 }], [{ box: [0, 0, 10, 10], cls: 1 }, { box: [50, 50, 60, 60], cls: 1 }]) //= [1]
 */
export function matchGious(
  preds: readonly ClassedBox[],
  gts: readonly ClassedBox[],
  sameClass: (a: number, b: number) => boolean = (a, b) => a === b,
): number[] {
  if (preds.length === 0 || gts.length === 0) return []
  // each pair's GIoU once: it enters the cost and is the matched pair's quality
  const G = gts.length
  const gious = new Array<number>(preds.length * G)
  const cost = preds.map((p, i) =>
    gts.map((g, j) => {
      const l1 =
        Math.abs(p.box[0] - g.box[0]) +
        Math.abs(p.box[1] - g.box[1]) +
        Math.abs(p.box[2] - g.box[2]) +
        Math.abs(p.box[3] - g.box[3])
      const v = giou(p.box, g.box)
      gious[i * G + j] = v
      return l1 - (sameClass(p.cls, g.cls) ? 1 : 0) - v
    }),
  )
  return hungarian(cost).map(({ row, col }) => gious[row * G + col] as number)
}

/**
 * Precision reward: `Σ f_p(GIoU) / denominator`; Vision-R1 divides by the number of pairs (a mean over matched
 * pairs), so predictions left unmatched cost nothing; pass the number of predictions to count them as 0.
 * @example criteriaPrecision([0.9, 0.6, 0.3], 3, criteriaPhase('adaptive', 0, 1500)) //= 0.5333…
 */
export function criteriaPrecision(gious: readonly number[], denominator: number, phase: CriteriaPhase): number {
  if (denominator <= 0) return 0
  let s = 0
  for (const g of gious) s += shape(g, phase.precision[0], phase.precision[1])
  return s / denominator
}

/**
 * Recall reward: `f_r(Σ g(GIoU) / N_gt)` with `g = f(·; t, t)` (0 below t, 1 above, t at t).
 * @example criteriaRecall([0.9, 0.6, 0.3], 4, criteriaPhase('adaptive', 0, 1500)) //= 0.5
 */
export function criteriaRecall(gious: readonly number[], nGt: number, phase: CriteriaPhase): number {
  if (nGt <= 0) return 0
  let tp = 0
  for (const g of gious) tp += shape(g, phase.recallT, phase.recallT)
  return shape(tp / nGt, phase.recall[0], phase.recall[1])
}

/**
 * Vision-R1 dual format: the fence-stripped text parses as JSON and every item with both `bbox_2d` and `label` has
 * a 4-element `bbox_2d`. `faithful` lets any JSON value pass (a scalar has no items: QUIRK); `fixed` requires a
 * list of objects. With no instance in the image, the reward is `1 −` that.
 * @example dualFormat('[{"bbox_2d": [1, 2, 3, 4], "label": "cat"}]', 2, 'fixed') //= 1
 */
export function dualFormat(text: string, numInstances: number, mode: 'fixed' | 'faithful'): number {
  const v = formatOk(text, mode) ? 1 : 0
  return numInstances === 0 ? 1 - v : v
}

/**
 * `dualFormat` of an answer already read by `parsePredictions`: a list `scanQwenList` took (only objects with a
 * four-number `bbox_2d` and a string `label`) passes in both modes without parsing the text again.
 */
export function dualFormatOf(
  parsed: ParsedPredictions,
  text: string,
  numInstances: number,
  mode: 'fixed' | 'faithful',
): number {
  if (!parsed.uniform) return dualFormat(text, numInstances, mode)
  return numInstances === 0 ? 0 : 1
}

function formatOk(text: string, mode: 'fixed' | 'faithful'): boolean {
  let ok = false
  try {
    const data: unknown = JSON.parse(text)
    if (Array.isArray(data)) {
      ok = data.every((el) => {
        if (typeof el !== 'object' || el === null || Array.isArray(el)) return mode === 'faithful'
        const rec = el as Record<string, unknown>
        if (rec.bbox_2d === undefined || rec.label === undefined) return true
        return Array.isArray(rec.bbox_2d) && rec.bbox_2d.length === 4
      })
    } else ok = mode === 'faithful'
  } catch {
    ok = false
  }
  return ok
}
