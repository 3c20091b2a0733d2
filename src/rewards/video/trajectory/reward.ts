import { z } from 'zod'
import { defineReward, invalid, OK, scored } from '../../../core/index.js'
import { modeParam } from '../../shared/params.js'
import { parseMotionTags } from '../shared/claims.js'
import { claimsIn, thinkText } from '../shared/think.js'
import { readVideoReference } from '../shared/video-reference.js'
import { trajectoryScore } from './trajectory.js'

/** `mode: 'faithful'` buckets directions with the reference's `int()`, which truncates (`groundTruthMotion`). */
export const TrajectoryParams = z.object({ mode: modeParam }).strict()
export type TrajectoryParams = z.infer<typeof TrajectoryParams>

const COMPONENTS = ['dir', 'speed', 'scale'] as const

export const trajectoryReward = defineReward({
  id: 'trajectory',
  version: 1,
  summary: 'Motion-o trajectory reward: claimed direction, speed and scale trend vs motion from ground-truth boxes',
  source: 'ostadabbas/Motion-o training/motion_reward_v3.py (rewards.md §6d)',
  params: TrajectoryParams,
  needs: { reference: true },
  range: [0, 1],
  components: () => COMPONENTS,
  score: ({ response, reference, params }) => {
    const zero = { dir: 0, speed: 0, scale: 0 }
    const ref = readVideoReference(reference)
    if ('code' in ref) return invalid(ref, 0, zero)
    if (ref.keyframes.length === 0)
      return invalid({ code: 'invalid_reference', expected: 'keyframes with named object boxes', got: 'none' }, 0, zero)
    const think = thinkText(response)
    const claims = claimsIn(think)
    if ('code' in claims) return invalid(claims, 0, zero)
    const d = trajectoryScore(claims, parseMotionTags(think), ref, params.mode)
    const parts = { ...zero }
    for (const m of d.objects.values()) {
      parts.dir += m.dir / d.objects.size
      parts.speed += m.speed / d.objects.size
      parts.scale += m.scale / d.objects.size
    }
    if (d.objects.size > 0) return scored(d.score, OK, parts)
    if (d.matched >= 2)
      return scored(d.score, { code: 'ok', note: 'no object matched on two keyframes: the .1 floor' }, parts)
    return scored(
      0,
      {
        code: 'wrong_answer',
        expected: 'claims on ground-truth objects within 2 s of their keyframes',
        got: `${d.matched} matched`,
      },
      parts,
    )
  },
})
