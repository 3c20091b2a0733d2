import { z } from 'zod'
import { defineReward, invalid, scored } from '../../../core/index.js'
import { parseMotionTags } from '../shared/claims.js'
import { thinkText } from '../shared/think.js'
import { motionGroundingScore } from './motion-grounding.js'

export const MotionGroundingParams = z.object({}).strict()
export type MotionGroundingParams = z.infer<typeof MotionGroundingParams>

/** The response on the frozen-frame video must be bounded like any model output. */
const MAX_FROZEN = 1_000_000

export const motionGroundingReward = defineReward({
  id: 'motion-grounding',
  version: 1,
  summary:
    'Motion-o v3 motion_grounding: claimed motion must change when the video is frozen (item.meta.frozenResponse)',
  source: 'ostadabbas/Motion-o training/reward_func_v3.py (rewards.md §6d)',
  params: MotionGroundingParams,
  needs: {},
  range: [0, 1],
  score: ({ response, item }) => {
    const frozen = item.meta?.frozenResponse
    if (typeof frozen !== 'string')
      return invalid({
        code: 'missing_input',
        field: 'meta.frozenResponse',
        expected: "the policy's response to the same prompt on a frozen-frame copy of the video",
      })
    if (frozen.length > MAX_FROZEN)
      return invalid({ code: 'too_large', limit: 'meta.frozenResponse length', size: frozen.length, max: MAX_FROZEN })
    const v = motionGroundingScore(parseMotionTags(thinkText(response)), parseMotionTags(thinkText(frozen)))
    if (v === undefined)
      return invalid({ code: 'no_answer', expected: 'a <motion obj="…" dir="…" speed="…" scale="…"/> tag in <think>' })
    return scored(v)
  },
})
