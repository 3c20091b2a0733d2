import type { RewardReason } from './reason.js'

/** What one reward says about one item. */
export interface RewardOutput {
  score: number
  /** false: the output could not be parsed or scored */
  valid: boolean
  reason: RewardReason
  /** named sub-scores with stable keys (declared in the definition's `components`) */
  components?: Record<string, number>
}

export const OK: RewardReason = Object.freeze({ code: 'ok' })

/** A parsed, scored answer (right, wrong or in between). */
export function scored(score: number, reason: RewardReason = OK, components?: Record<string, number>): RewardOutput {
  return components ? { score, valid: true, reason, components } : { score, valid: true, reason }
}

/** An output that could not be parsed or scored: score 0 (or `score`), never a pass. */
export function invalid(reason: RewardReason, score = 0, components?: Record<string, number>): RewardOutput {
  return components ? { score, valid: false, reason, components } : { score, valid: false, reason }
}
