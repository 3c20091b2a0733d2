import { iou } from '../../geometry/iou.js'
import type { Mode } from '../../shared/params.js'
import type { ClaimGroup } from '../shared/claims.js'
import { nearestKeyframe, type VideoReference } from '../shared/video-reference.js'

/** The keyframe window, in seconds. */
export const SPATIAL_WINDOW_S = 1

/**
 * Motion-o `thk_spatial`: the mean over claimed boxes of the best IoU against the ground-truth objects (any name)
 * at the keyframe nearest the claim's time, 0 when that keyframe is outside the window.
 * QUIRK (`mode: 'faithful'`): the reference tests `gt_t − pred_t < 1`, one-sided, so a keyframe any distance
 * *before* the claim still matches; `fixed` (default) tests `|gt_t − pred_t| < 1`.
 * @see rewards.md §6d; ostadabbas/Motion-o `training/reward_func_v3.py`
 * @example spatialScore([{ name: 'a', boxes: [[0, 0, 10, 10]], t: 5 }], ref([{ t: 0, box: [0, 0, 10, 10] }]), 'faithful') //= 1 ('fixed': 0)
 */
export function spatialScore(claims: readonly ClaimGroup[], ref: VideoReference, mode: Mode = 'fixed'): number {
  let sum = 0
  let n = 0
  for (const c of claims) {
    const k = nearestKeyframe(ref.times, c.t)
    const gap = k === -1 ? Number.NaN : (ref.times[k] as number) - c.t
    const inWindow = mode === 'faithful' ? gap < SPATIAL_WINDOW_S : Math.abs(gap) < SPATIAL_WINDOW_S
    const objects = inWindow ? (ref.keyframes[k]?.objects ?? []) : []
    for (const b of c.boxes) {
      let best = 0
      for (const o of objects) best = Math.max(best, iou(b, o.box))
      sum += best
      n++
    }
  }
  return n === 0 ? 0 : sum / n
}
