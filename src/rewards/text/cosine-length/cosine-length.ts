import type { Mode } from '../../shared/params.js'

export interface CosineLengthOptions {
  /** length at which the cosine reaches its far end. Default 1000 (TRL). */
  maxLength?: number
  /** reward of a correct answer of length 0. Default 1. */
  correctShort?: number
  /** reward of a correct answer of length `maxLength`. Default 0.5. */
  correctLong?: number
  /** reward of a wrong answer of length 0. Default −1. */
  wrongShort?: number
  /** reward of a wrong answer of length `maxLength`. Default −0.5. */
  wrongLong?: number
  /** reward at or past `maxLength`, whatever the correctness (the paper's r_e, −10); undefined: none (TRL). */
  exceedPenalty?: number | undefined
  /** `faithful`: TRL's unclamped progress (the cosine wraps past maxLength). Default `fixed`. */
  mode?: Mode
}

/**
 * Correctness-aware cosine length scaling (Yeo et al., "Demystifying Long Chain-of-Thought Reasoning in LLMs"):
 * `r = long + ½(short − long)(1 + cos(π·L/L_max))`, falling from `correctShort` to `correctLong` for a correct
 * answer (shorter is better), rising from `wrongShort` to `wrongLong` for a wrong one (when wrong, thinking longer
 * is penalised less). TRL/open-r1 `get_cosine_scaled_reward` use the same curves and defaults.
 *
 * What `fixed` changes from TRL: TRL does not clamp `progress = L/L_max`, so past `maxLength` the cosine turns
 * back up and a correct answer of length 2·L_max scores the short-answer maximum again (and a wrong one its
 * minimum); here progress is clamped to 1 (`faithful` keeps TRL's wrap). VLM-R1's cosine reward is not followed:
 * it is reported to apply the length curve with the wrong orientation for wrong answers, so that length is
 * rewarded regardless of correctness; here the wrong-answer curve always lies below the correct one and the
 * correctness comes from the caller.
 * @see arXiv:2502.03373 (cosine reward, eq. 1); https://github.com/huggingface/open-r1 (src/open_r1/rewards.py `get_cosine_scaled_reward`)
 * @example cosineLength(0, true) //= 1
 * @example cosineLength(500, false) //= -0.75
 */
export function cosineLength(length: number, correct: boolean, options: CosineLengthOptions = {}): number {
  const {
    maxLength = 1000,
    correctShort = 1,
    correctLong = 0.5,
    wrongShort = -1,
    wrongLong = -0.5,
    exceedPenalty,
    mode = 'fixed',
  } = options
  if (exceedPenalty !== undefined && length >= maxLength) return exceedPenalty
  const raw = length / maxLength
  const progress = mode === 'faithful' ? raw : Math.min(1, Math.max(0, raw))
  const short = correct ? correctShort : wrongShort
  const long = correct ? correctLong : wrongLong
  return long + 0.5 * (short - long) * (1 + Math.cos(progress * Math.PI))
}
