import type { ClaimGroup } from '../shared/claims.js'
import type { Span } from '../shared/span.js'

/**
 * Motion-o `thk_temporal_segment`: the fraction of claimed times inside the ground-truth span (ends included).
 * @see rewards.md §6d; ostadabbas/Motion-o `training/reward_func_v3.py`
 * @example temporalSegmentScore([{ name: 'a', boxes: [], t: 2 }, { name: 'a', boxes: [], t: 9 }], [0, 5]) //= 0.5
 */
export function temporalSegmentScore(claims: readonly ClaimGroup[], span: Span): number {
  if (claims.length === 0) return 0
  let inside = 0
  for (const c of claims) if (c.t >= span[0] && c.t <= span[1]) inside++
  return inside / claims.length
}
