import { accumulate, type CocoAccumulated, toPycocotoolsLayout } from './accumulate.js'
import { type CocoDetection, type CocoGroundTruth, indexCoco } from './dataset.js'
import { evaluate } from './evaluate.js'
import { type CocoParams, defaultCocoParams } from './params.js'
import { summarizeDets } from './summarize.js'

export interface CocoEvaluateOptions {
  /** also return the `precision [T,R,K,A,M]` and `recall [T,K,A,M]` arrays (default false) */
  arrays?: boolean
  /** override parameters (`maxDets` must keep three entries for the 12 stats to mean what they say) */
  params?: Partial<CocoParams>
}

export interface CocoEvaluation {
  /** AP@[.5:.95], AP50, AP75, AP small/medium/large, AR@1, AR@10, AR@100, AR small/medium/large; −1 = undefined */
  stats: number[]
  /** `[T, R, K, A, M]` as pycocotools `eval['precision']` (with `arrays: true`) */
  precision?: Float64Array
  /** `[T, K, A, M]` as pycocotools `eval['recall']` */
  recall?: Float64Array
  shape?: CocoAccumulated['shape']
}

/**
 * COCO bbox evaluation, exactly as pycocotools `COCOeval(gt, dt, 'bbox').evaluate(); accumulate(); summarize()`:
 * the same doubles in the same order (linspace thresholds, stable mergesort by score, `np.spacing(1)` eps, crowd and
 * area-range ignore flags, 101-point interpolated precision, numpy's pairwise mean over entries > −1).
 * Differences, all on inputs real COCO files never have: a non-finite box has IoU 0 (pycocotools' NaN IoU matches
 * any gt); a missing `area` defaults to `w·h` and a missing `iscrowd` to 0 (pycocotools raises KeyError).
 * Throws `CocoInputError` for a detection on an image the ground truth lacks, as `loadRes` asserts.
 * @see https://github.com/cocodataset/cocoapi `PythonAPI/pycocotools/cocoeval.py`; protocols.md §C
 * @example cocoEvaluate({ images: [{ id: 1 }], categories: [{ id: 1 }], annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [0, 0, 10, 10], area: 100 }] }, [{ image_id: 1, category_id: 1, bbox: [0, 0, 10, 10], score: 1 }]).stats[0] //= 1
 */
export function cocoEvaluate(
  gt: CocoGroundTruth,
  dt: readonly CocoDetection[],
  options: CocoEvaluateOptions = {},
): CocoEvaluation {
  const p: CocoParams = { ...defaultCocoParams(), ...options.params }
  const index = indexCoco(gt, dt)
  const evalImgs = evaluate(index, p)
  // the 12 stats read precision only at maxDets[2]; the full array is computed when asked for
  const apOnly = options.arrays ? undefined : [2]
  const acc = accumulate(evalImgs, p, index.catIds.length, index.imgIds.length, apOnly)
  const stats = summarizeDets(acc, p)
  return options.arrays ? { stats, ...toPycocotoolsLayout(acc), shape: acc.shape } : { stats }
}
