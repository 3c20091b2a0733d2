import { type MotionTag, SCALES, SPEEDS } from '../shared/claims.js'
import { directionScore, ordinalScore } from '../shared/motion.js'

/**
 * Motion-o v3 `motion_grounding`: how much the motion the policy claims on the real video differs from what it
 * claims on a frozen-frame copy (a static video has no motion, so claims that survive freezing are not grounded in
 * it). Per object with a full motion tag: `.5·Δdir + .3·Δspeed + .2·Δscale`, each Δ = 1 − the similarity used by
 * the trajectory reward (1 for a different bucket, .5 for a neighbouring one, 0 for the same); 1 when the object
 * has no tag on the frozen video. The reward is the mean over objects; undefined when no object has a full tag.
 * Objects with only a legacy (direction-only) tag are not scored.
 * @see rewards.md §6d; ostadabbas/Motion-o `training/reward_func_v3.py`
 * @example motionGroundingScore(new Map([['car', { dir: 'E', speed: 'fast', scale: 'stable' }]]), new Map()) //= 1
 */
export function motionGroundingScore(
  real: ReadonlyMap<string, MotionTag>,
  frozen: ReadonlyMap<string, MotionTag>,
): number | undefined {
  let sum = 0
  let n = 0
  for (const [name, tag] of real) {
    if (tag.speed === undefined || tag.scale === undefined) continue
    n++
    const f = frozen.get(name)
    if (!f) {
      sum += 1
      continue
    }
    const dDir = 1 - directionScore(tag.dir, f.dir)
    // a legacy frozen tag says nothing of speed or scale: only its direction can match
    const dSpeed = f.speed === undefined ? 1 : 1 - ordinalScore(SPEEDS, tag.speed, f.speed)
    const dScale = f.scale === undefined ? 1 : 1 - ordinalScore(SCALES, tag.scale, f.scale)
    sum += 0.5 * dDir + 0.3 * dSpeed + 0.2 * dScale
  }
  return n === 0 ? undefined : sum / n
}
