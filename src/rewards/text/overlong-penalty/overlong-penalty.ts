export interface OverlongPenaltyOptions {
  /** L_max: the generation limit. Default 20480 (DAPO). */
  maxLength?: number
  /** L_cache: the soft-penalty zone before L_max. Default 4096. */
  cache?: number
  /** penalty at L_max. Default 1. */
  factor?: number
}

/**
 * DAPO's soft overlong punishment: 0 up to `L_max − L_cache`, then falling linearly to `−factor` at `L_max`:
 * `min(−(|y| − (L_max − L_cache))/L_cache · factor, 0)`. Lengths past `L_max` (impossible under truncation) are
 * held at `−factor`, as TRL's `get_soft_overlong_punishment` does.
 * @see https://github.com/volcengine/verl (verl/workers/reward_manager/dapo.py); arXiv:2503.14476 (DAPO) eq. 13
 * @example overlongPenalty(18432) //= -0.5
 */
export function overlongPenalty(length: number, options: OverlongPenaltyOptions = {}): number {
  const { maxLength = 20480, cache = 4096, factor = 1 } = options
  const expected = maxLength - cache
  if (length <= expected) return 0
  if (length >= maxLength) return -factor
  return (-(length - expected) / cache) * factor
}
