/**
 * GRPO group-relative advantages, as the group view shows them: `(r_i − μ) / (σ + ε)` with σ the unbiased
 * standard deviation of the group's rewards and ε = 1e-6; a group of one gives μ = 0, σ = 1 (verl's convention).
 * @see verl `verl/trainer/ppo/core_algos.py` (compute_grpo_outcome_advantage); rewards.md §8
 * @example grpoAdvantages([1, 0, 1, 1]) //= [0.4999…, −1.4997…, 0.4999…, 0.4999…]
 */
export function grpoAdvantages(rewards: readonly number[], epsilon = 1e-6): number[] {
  const { mean, std } = groupStats(rewards)
  const out = new Array<number>(rewards.length)
  for (let i = 0; i < rewards.length; i++) out[i] = ((rewards[i] as number) - mean) / (std + epsilon)
  return out
}

export interface GroupStats {
  mean: number
  /** unbiased (n − 1) standard deviation; 1 for a group of one, as verl sets it */
  std: number
  /** every reward equal (n ≥ 2): the group carries no learning signal under GRPO */
  zeroVariance: boolean
}

/**
 * The mean, unbiased σ and zero-variance flag of one group's rewards (two-pass, so large offsets do not cancel).
 * @example groupStats([1, 1, 1]) //= { mean: 1, std: 0, zeroVariance: true }
 */
export function groupStats(rewards: readonly number[]): GroupStats {
  const n = rewards.length
  if (n === 0) return { mean: 0, std: 1, zeroVariance: false }
  if (n === 1) return { mean: 0, std: 1, zeroVariance: false }
  let sum = 0
  for (let i = 0; i < n; i++) sum += rewards[i] as number
  const mean = sum / n
  let ss = 0
  let equal = true
  const first = rewards[0] as number
  for (let i = 0; i < n; i++) {
    const r = rewards[i] as number
    ss += (r - mean) * (r - mean)
    if (r !== first) equal = false
  }
  return { mean, std: Math.sqrt(ss / (n - 1)), zeroVariance: equal }
}
