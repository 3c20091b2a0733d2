import { invalid, type RewardOutput, scored } from '../../../core/index.js'
import { boxToPixels, type CoordMapping } from '../../coords/index.js'
import { type BoxXYXY, isProperBox, UNION_IOU_MAX_BOXES, unionAreas } from '../../geometry/index.js'
import { extractTag } from '../../parsing/tags.js'
import type { Mode } from '../../shared/params.js'
import { boxText, clipText, MAX_RESPONSE_CHARS, unparseable } from '../shared/item.js'
import { parsePyBoxList } from './py-box-list.js'

const ZERO = Object.freeze({ iou: 0 })
const EXPECTED = 'a list of [x1, y1, x2, y2] lists (Python literal)'

/**
 * SATORI-R1's bbox reward: the IoU of the union of the `<bbox>` boxes (mapped to original pixels; SATORI's model
 * answers in smart-resized pixels with min 200704 / max 401408) with the union of the reference boxes,
 * `area(∪pred ∩ ∪gt) / (area(∪pred ∪ ∪gt) + 1e-6)`, computed exactly on coordinate-compressed grid cells.
 * - `faithful`: an inverted box counts as the rectangle between its corners (shapely's `box` normalises it).
 * - `fixed` (default): an inverted, degenerate or non-finite box makes the answer invalid (score 0); the `1e-6`
 *   is kept, so both modes agree on proper boxes.
 * More than 256 boxes is `too_large` (score 0): the work per item stays bounded.
 * @see justairr/SATORI-R1 `plugin.py` (bbox reward); rewards.md §5a
 * @example satoriBbox('<bbox>[[0,0,10,10],[5,5,15,15]]</bbox>', [[0, 0, 15, 15]], PIXEL_MAPPING).score //= 0.7777…
 */
export function satoriBbox(
  response: string,
  gt: readonly BoxXYXY[],
  mapping: CoordMapping,
  mode: Mode = 'fixed',
): RewardOutput {
  if (response.length > MAX_RESPONSE_CHARS) {
    return invalid(
      { code: 'too_large', limit: 'response length', size: response.length, max: MAX_RESPONSE_CHARS },
      0,
      ZERO,
    )
  }
  const block = extractTag(response, 'bbox', { lenient: mode === 'fixed' })
  if (block === undefined) return invalid({ code: 'no_answer', expected: '<bbox>…</bbox>' }, 0, ZERO)
  const raw = parsePyBoxList(block, UNION_IOU_MAX_BOXES + 1)
  if (!raw) return invalid(unparseable(EXPECTED, block), 0, ZERO)
  if (raw.length > UNION_IOU_MAX_BOXES) {
    return invalid({ code: 'too_large', limit: 'boxes in <bbox>', size: raw.length, max: UNION_IOU_MAX_BOXES }, 0, ZERO)
  }
  const boxes: BoxXYXY[] = []
  for (const r of raw) {
    const b = boxToPixels(r as [number, number, number, number], mapping)
    if (mode === 'faithful')
      boxes.push([Math.min(b[0], b[2]), Math.min(b[1], b[3]), Math.max(b[0], b[2]), Math.max(b[1], b[3])])
    else if (isProperBox(b)) boxes.push(b)
    else {
      const reason = unparseable('boxes with x1 < x2 and y1 < y2', boxText(r))
      return invalid(reason, 0, ZERO)
    }
  }
  if (boxes.length === 0) return scored(0, { code: 'wrong_answer', expected: 'at least one box', got: '[]' }, ZERO)
  const { intersection, union } = unionAreas(boxes, gt)
  const v = intersection / (union + 1e-6)
  const iou = v > 0 ? Math.min(1, v) : 0
  if (iou > 0) return scored(iou, undefined, { iou })
  return scored(0, { code: 'wrong_answer', expected: gt.map(boxText).join(' '), got: clipText(block) }, ZERO)
}
