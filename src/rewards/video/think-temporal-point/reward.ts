import { z } from 'zod'
import { defineReward, invalid, scored } from '../../../core/index.js'
import { thinkClaims } from '../shared/think.js'
import { readProgress, readVideoReference } from '../shared/video-reference.js'
import { temporalPointScore } from './think-temporal-point.js'

export const ThinkTemporalPointParams = z
  .object({
    totalSteps: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('training steps in the run: progress is item.step / totalSteps when item.meta.progress is absent'),
  })
  .strict()
export type ThinkTemporalPointParams = z.infer<typeof ThinkTemporalPointParams>

export const thinkTemporalPointReward = defineReward({
  id: 'think-temporal-point',
  version: 1,
  summary:
    'Motion-o thk_temporal_point: Gaussian closeness of claimed times to ground-truth keyframes, σ shrinking with training',
  source: 'ostadabbas/Motion-o training/reward_func_v3.py (rewards.md §6d)',
  params: ThinkTemporalPointParams,
  needs: { reference: true },
  range: [0, 1],
  score: ({ response, reference, item, params }) => {
    const ref = readVideoReference(reference)
    if ('code' in ref) return invalid(ref)
    if (ref.keyframes.length === 0)
      return invalid({ code: 'invalid_reference', expected: 'keyframes with times', got: 'none' })
    const progress = readProgress(item.meta, item.step, params.totalSteps)
    if (progress === undefined)
      return invalid({
        code: 'missing_input',
        field: 'meta.progress',
        expected: 'training progress in [0, 1], or item.step with params.totalSteps',
      })
    const claims = thinkClaims(response)
    if ('code' in claims) return invalid(claims)
    return scored(temporalPointScore(claims, ref.times, progress))
  },
})
