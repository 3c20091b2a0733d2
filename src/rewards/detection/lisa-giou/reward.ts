import { z } from 'zod'
import { defineReward, invalid, type RewardOutput, scored } from '../../../core/index.js'
import { giou } from '../../geometry/index.js'
import { extractTag } from '../../parsing/tags.js'
import { modeParam } from '../../shared/params.js'
import { MAX_ANSWER_CHARS } from '../shared/answer.js'
import { coordParams } from '../shared/params.js'
import { toPixelBoxes } from '../shared/pixels.js'
import { isReason, readDetectionReference } from '../shared/reference.js'
import { lisaBox } from './lisa-giou.js'

export const LisaGiouParams = z.object({ mode: modeParam, ...coordParams })
export type LisaGiouParams = z.infer<typeof LisaGiouParams>

/**
 * LISA reasoning-grounding reward of Visual-RFT: `GIoU(pred, gt) + 1`, in [0, 2]. The box is the first
 * `(x1,y1),(x2,y2)` of the first `<answer>` (else of the whole output), in `norm1000` unless the param or
 * `meta.coordSpace` names another space; the ground truth is the reference's first box. No box → 0.
 * An inverted box has GIoU −1 (score 0); a degenerate one follows the GIoU formula (see geometry `giou`).
 * `faithful` keeps the reference's corner QUIRK (see `lisaBox`) and its strict `<answer>(.*?)</answer>` (`< answer >`
 * is no tag, so the whole output is read); `fixed` also reads tags with whitespace. The reference's `ans == gt → 2` string shortcut
 * is left out, as GIoU of equal boxes already gives 2.
 * @see Liuziyu77/Visual-RFT `src/virft/src/open_r1/grpo_lisa.py`; rewards.md 1c
 * @example score({ response: '<answer>(100,100),(500,500)</answer>', reference: [{ box: [100, 100, 500, 500] }], images: [{ width: 1000, height: 1000 }] }) //= 2
 */
export const lisaGiouReward = defineReward({
  id: 'lisa-giou',
  version: 2,
  summary: 'GIoU + 1 of the (x1,y1),(x2,y2) box in the answer against the target box (Visual-RFT LISA)',
  source: 'Liuziyu77/Visual-RFT src/virft/src/open_r1/grpo_lisa.py (arXiv:2503.01785)',
  params: LisaGiouParams,
  needs: { reference: true, image: true },
  range: [0, 2],
  components: () => ['giou'],
  score: ({ response, reference, item, params: p }): RewardOutput => {
    const ref = readDetectionReference(reference)
    if (isReason(ref)) return invalid(ref, 0, { giou: -1 })
    const gt = ref.objects[0]
    if (!gt) return invalid({ code: 'invalid_reference', expected: 'one target box', got: 'no box' }, 0, { giou: -1 })
    if (response.length > MAX_ANSWER_CHARS)
      return invalid({ code: 'too_large', limit: 'response length', size: response.length, max: MAX_ANSWER_CHARS }, 0, {
        giou: -1,
      })
    const answer = extractTag(response, 'answer', { which: 'first', lenient: p.mode === 'fixed' }) ?? response
    if (!answer.trim()) return invalid({ code: 'empty_answer' }, 0, { giou: -1 })
    const raw = lisaBox(answer, p.mode)
    if (!raw)
      return invalid({ code: 'unparseable_answer', side: 'response', expected: '(x1,y1),(x2,y2)', text: answer }, 0, {
        giou: -1,
      })
    const boxes = toPixelBoxes([raw], item, p, 'norm1000')
    if (!Array.isArray(boxes)) return invalid(boxes, 0, { giou: -1 })
    const g = giou(boxes[0] as (typeof boxes)[number], gt.box)
    return scored(g + 1, undefined, { giou: g })
  },
})
