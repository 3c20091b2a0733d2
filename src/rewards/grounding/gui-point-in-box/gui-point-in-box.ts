import { type ImageRef, invalid, type RewardOutput, scored } from '../../../core/index.js'
import { boxToPixels, type CoordMapping, type Point, parseShapes, pointToPixels } from '../../coords/index.js'
import { type BoxXYXY, boxArea, isProperBox } from '../../geometry/index.js'
import { answerText, boxText, isReason, unparseable } from '../shared/item.js'
import type { AnswerSource, RewardFormat } from '../shared/params.js'

export interface GuiPointInBoxOptions {
  /** how the model writes its click (default `plain`) */
  format?: RewardFormat | undefined
  /** where the answer is (default `tag-or-whole`: GUI agents rarely use tags) */
  answer?: AnswerSource | undefined
  /** a box answer clicks its centre (`center`, as ScreenSpot-Pro and UI-TARS do) or is invalid (`reject`) */
  boxes?: 'center' | 'reject' | undefined
  /** a box answer larger than this fraction of `image` is a suspected hack (default 0.5); unchecked without a size */
  maxBoxFraction?: number | undefined
}

const ZERO = Object.freeze({ hit: 0 })

/**
 * GUI grounding hit test of ScreenSpot: 1 when the answer's first click, mapped to original pixels, lies in the
 * reference element box `gt` (original pixels of `image`), borders included (`x1 ≤ x ≤ x2 ∧ y1 ≤ y ≤ y2`), else 0. Only the
 * first point counts, so spraying clicks cannot help. A box answer clicks its centre, unless it is improper, or
 * covers more than `maxBoxFraction` of the image (a whole-screen box would click the centre of any centred target).
 * @see lmms-eval `lmms_eval/tasks/screenspot_pro/utils.py`; VLMEvalKit `vlmeval/dataset/GUI/screenspot.py`; protocols.md §D
 * @example guiPointInBox('pyautogui.click(x=0.5, y=0.5)', [400, 300, 600, 500], coordMapping('norm1', { width: 1000, height: 800 }) as CoordMapping, { width: 1000, height: 800 }, { format: 'aguvis' }).score //= 1
 */
export function guiPointInBox(
  response: string,
  gt: BoxXYXY,
  mapping: CoordMapping,
  image: ImageRef | undefined,
  options: GuiPointInBoxOptions = {},
): RewardOutput {
  const { format = 'plain', answer = 'tag-or-whole', boxes = 'center', maxBoxFraction = 0.5 } = options
  const text = answerText(response, answer)
  if (isReason(text)) return invalid(text, 0, ZERO)
  const shape = parseShapes(text, format, { max: 1 })[0]
  const expected = boxes === 'center' ? `a point (or a box) in the ${format} format` : `a point in the ${format} format`
  if (!shape || (shape.kind === 'box' && boxes === 'reject')) {
    return invalid(unparseable(expected, text), 0, ZERO)
  }
  let point: Point
  if (shape.kind === 'point') point = pointToPixels(shape.coords, mapping)
  else {
    const box = boxToPixels(shape.coords, mapping)
    if (!isProperBox(box)) {
      const reason = unparseable('a box with x1 < x2 and y1 < y2', boxText(shape.coords))
      return invalid(reason, 0, ZERO)
    }
    const w = image?.width
    const h = image?.height
    if (w !== undefined && h !== undefined && w > 0 && h > 0 && boxArea(box) > maxBoxFraction * w * h) {
      return scored(
        0,
        { code: 'suspected_hack', pattern: `a box covering more than ${maxBoxFraction} of the image` },
        ZERO,
      )
    }
    point = [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2]
  }
  const [x, y] = point
  if (!(Number.isFinite(x) && Number.isFinite(y))) {
    return invalid(unparseable('finite coordinates', text), 0, ZERO)
  }
  const hit = gt[0] <= x && x <= gt[2] && gt[1] <= y && y <= gt[3]
  if (hit) return scored(1, undefined, { hit: 1 })
  return scored(0, { code: 'wrong_answer', expected: `a point in ${boxText(gt)}`, got: boxText(point) }, ZERO)
}
