import { type BoxOrder, invalid, type RewardOutput, scored } from '../../../core/index.js'
import { boxToPixels, type CoordMapping, parseBoxes } from '../../coords/index.js'
import { type BoxXYXY, iou, iouPixelInclusive, isProperBox } from '../../geometry/index.js'
import type { Mode } from '../../shared/params.js'
import { answerText, boxText, isReason, unparseable } from '../shared/item.js'
import type { AnswerSource, RewardFormat } from '../shared/params.js'
import { firstRegexBox } from '../shared/regex-box.js'

export interface BoxIouOptions {
  mode?: Mode | undefined
  /** fixed mode: how the model writes its box (default `plain`) */
  format?: RewardFormat | undefined
  /** fixed mode: where the answer is (default `tag`) */
  answer?: AnswerSource | undefined
  /** fixed mode: order of the predicted numbers (default `xyxy`) */
  boxOrder?: BoxOrder | undefined
  /** score 1 when the IoU reaches it (fixed: `≥`, as lmms-eval ACC@t; faithful: `>`, VLM-R1's commented variant), else 0 */
  threshold?: number | undefined
}

const PROPER = 'a box with x1 < x2 and y1 < y2'

/**
 * Referring-expression grounding reward of VLM-R1: the IoU of the answer's first box, mapped to original pixels, with
 * the reference box `gt` (original pixels).
 * - `faithful`: VLM-R1 exactly. The first `<answer>` (strict tags, DOTALL), then the first match of
 *   `\[(\d+),\s*(\d+),\s*(\d+),\s*(\d+)]` (integers only: a negative or decimal box does not match and scores 0), then
 *   `iou_px` (overlaps of at most 1 px count as 0).
 * - `fixed` (default): the first box of `format` in the answer (decimals and negatives allowed, any `boxOrder`), then
 *   the continuous IoU (COCO). An inverted, degenerate or non-finite box is invalid (score 0), never repaired.
 * Boxes are not clipped to the image: a box hanging off the image only enlarges the union.
 * @see om-ai-lab/VLM-R1 `src/open-r1-multimodal/src/open_r1/grpo_jsonl.py` (`iou_reward`); rewards.md §2a, P3
 * @example boxIou('<answer>[100,100,200,200]</answer>', [110, 100, 210, 200], PIXEL_MAPPING, { mode: 'faithful' }).score //= 0.8181…
 */
export function boxIou(
  response: string,
  gt: BoxXYXY,
  mapping: CoordMapping,
  options: BoxIouOptions = {},
): RewardOutput {
  const { mode = 'fixed', format = 'plain', answer = 'tag', boxOrder = 'xyxy', threshold } = options
  const faithful = mode === 'faithful'
  const text = faithful ? answerText(response, 'tag', { lenient: false }) : answerText(response, answer)
  if (isReason(text)) return invalid(text, 0, { iou: 0 })
  let raw: readonly [number, number, number, number] | undefined
  if (faithful) raw = firstRegexBox(text, 'int')
  else raw = parseBoxes(text, format, { max: 1 })[0]?.coords
  if (!raw) {
    const expected = faithful ? 'a box [x1, y1, x2, y2] of integers' : `a box in the ${format} format`
    return invalid(unparseable(expected, text), 0, { iou: 0 })
  }
  const box = boxToPixels(raw, mapping, faithful ? 'xyxy' : boxOrder)
  if (!faithful && !isProperBox(box)) {
    return invalid(unparseable(PROPER, boxText(raw)), 0, {
      iou: 0,
    })
  }
  const v = faithful ? iouPixelInclusive(box, gt) : iou(box, gt)
  const score = threshold === undefined ? v : (faithful ? v > threshold : v >= threshold) ? 1 : 0
  if (v > 0) return scored(score, undefined, { iou: v })
  return scored(score, { code: 'wrong_answer', expected: boxText(gt), got: boxText(box) }, { iou: v })
}
