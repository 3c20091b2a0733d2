import { z } from 'zod'
import { defineReward, invalid, scored } from '../../../core/index.js'
import { modeParam } from '../../shared/params.js'
import { thinkClaims } from '../shared/think.js'
import { readVideoReference } from '../shared/video-reference.js'
import { spatialScore } from './think-spatial-iou.js'

export const ThinkSpatialIouParams = z.object({ mode: modeParam }).strict()
export type ThinkSpatialIouParams = z.infer<typeof ThinkSpatialIouParams>

export const thinkSpatialIouReward = defineReward({
  id: 'think-spatial-iou',
  version: 1,
  summary: 'Motion-o thk_spatial: mean best IoU of the boxes claimed in the think trace at their keyframes',
  source: 'ostadabbas/Motion-o training/reward_func_v3.py (rewards.md §6d)',
  params: ThinkSpatialIouParams,
  needs: { reference: true },
  range: [0, 1],
  score: ({ response, reference, params }) => {
    const ref = readVideoReference(reference)
    if ('code' in ref) return invalid(ref)
    if (ref.keyframes.length === 0)
      return invalid({ code: 'invalid_reference', expected: 'keyframes with object boxes', got: 'none' })
    const claims = thinkClaims(response)
    if ('code' in claims) return invalid(claims)
    return scored(spatialScore(claims, ref, params.mode))
  },
})
