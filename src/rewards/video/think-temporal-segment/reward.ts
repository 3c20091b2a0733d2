import { z } from 'zod'
import { defineReward, invalid, scored } from '../../../core/index.js'
import { thinkClaims } from '../shared/think.js'
import { readVideoReference } from '../shared/video-reference.js'
import { temporalSegmentScore } from './think-temporal-segment.js'

export const ThinkTemporalSegmentParams = z.object({}).strict()
export type ThinkTemporalSegmentParams = z.infer<typeof ThinkTemporalSegmentParams>

export const thinkTemporalSegmentReward = defineReward({
  id: 'think-temporal-segment',
  version: 1,
  summary:
    'Motion-o thk_temporal_segment: the fraction of times claimed in the think trace inside the ground-truth span',
  source: 'ostadabbas/Motion-o training/reward_func_v3.py (rewards.md §6d)',
  params: ThinkTemporalSegmentParams,
  needs: { reference: true },
  range: [0, 1],
  score: ({ response, reference }) => {
    const ref = readVideoReference(reference)
    if ('code' in ref) return invalid(ref)
    if (!ref.span) return invalid({ code: 'invalid_reference', expected: 'a span [start, end]', got: 'none' })
    const claims = thinkClaims(response)
    if ('code' in claims) return invalid(claims)
    return scored(temporalSegmentScore(claims, ref.span))
  },
})
