import type { ClaimGroup } from '../shared/claims.js'
import { nearestKeyframe } from '../shared/video-reference.js'

/** Motion-o's σ: `4(1 − p)` while training progress p < .75, then 1 (strict early on, tight late). */
export function temporalSigma(progress: number): number {
  return progress < 0.75 ? 4 * (1 - progress) : 1
}

/**
 * Motion-o `thk_temporal_point`: the mean over claimed times of `exp(−Δ²/2σ²)`, Δ the distance to the nearest
 * ground-truth keyframe, σ = `temporalSigma(progress)`. 0 when there are no keyframes.
 * @see rewards.md §6d; ostadabbas/Motion-o `training/reward_func_v3.py`
 * @example temporalPointScore([{ name: 'car', boxes: [], t: 3 }], Float64Array.of(1, 10), 0) //= 0.8825 (Δ 2, σ 4)
 */
export function temporalPointScore(claims: readonly ClaimGroup[], times: Float64Array, progress: number): number {
  if (claims.length === 0 || times.length === 0) return 0
  const sigma = temporalSigma(progress)
  let sum = 0
  for (const c of claims) {
    const d = c.t - (times[nearestKeyframe(times, c.t)] as number)
    sum += Math.exp(-(d * d) / (2 * sigma * sigma))
  }
  return sum / claims.length
}
