import { z } from 'zod'
import { defineReward } from '../../../core/define-reward.js'
import { invalid, scored } from '../../../core/outcome.js'
import { answerFromParam, isOutput, readAnswer } from '../shared.js'
import { repetitionPenalty } from './repetition-penalty.js'

/** Linear-time, so far more than other text rewards; beyond it the full penalty applies. */
const MAX_RESPONSE_CHARS = 1_000_000

export const RepetitionPenaltyParams = z.object({
  answerFrom: answerFromParam.default('whole').describe('text checked: "whole" output (default, as TRL) or the answer'),
  ngramSize: z.int().min(1).max(64).default(3).describe('n of the word n-grams (TRL: 3; Perception-R1: 20)'),
  maxPenalty: z
    .number()
    .max(0)
    .default(-1)
    .describe('penalty when every n-gram repeats, ≤ 0 (TRL: −1; Perception-R1: −2)'),
})
export type RepetitionPenaltyParams = z.infer<typeof RepetitionPenaltyParams>

/**
 * N-gram repetition penalty in [maxPenalty, 0]: TRL's `get_repetition_penalty_reward(ngram_size=3, max_penalty=-1)`
 * by default, Perception-R1's with `ngramSize: 20, maxPenalty: -2`. Empty output scores 0 (nothing repeats);
 * output over 1M characters gets `maxPenalty` (invalid, `too_large`), so size cannot buy a way out.
 * @see https://github.com/huggingface/trl (get_repetition_penalty_reward); tongxiao2002/Perception-R1; rewards.md §5e
 * @example score({ response: 'a b c a b c a b c' }) //= -0.5714…
 */
export const repetitionPenaltyReward = defineReward({
  id: 'repetition-penalty',
  version: 1,
  summary: 'penalty maxPenalty·(1 − unique/total) over word n-grams (TRL n=3; Perception-R1 n=20, −2)',
  source: 'huggingface/trl get_repetition_penalty_reward; tongxiao2002/Perception-R1; rewards.md §5e',
  params: RepetitionPenaltyParams,
  needs: {},
  // [maxPenalty, 0], and maxPenalty has no lower bound (Perception-R1 uses −2); −1 only under the default
  range: [Number.NEGATIVE_INFINITY, 0],
  score: ({ response, params }) => {
    // an enormous output is penalised in full, not let off as unscorable
    if (response.length > MAX_RESPONSE_CHARS)
      return invalid(
        { code: 'too_large', limit: 'response length (chars)', size: response.length, max: MAX_RESPONSE_CHARS },
        params.maxPenalty,
      )
    if (params.answerFrom === 'whole') return scored(repetitionPenalty(response, params))
    const answer = readAnswer(response, params.answerFrom)
    if (isOutput(answer)) return answer
    return scored(repetitionPenalty(answer.text, params))
  },
})
