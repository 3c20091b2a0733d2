import { z } from 'zod'
import { defineReward } from '../../../core/define-reward.js'
import { invalid, type RewardOutput, scored } from '../../../core/outcome.js'
import { describeValue } from '../../../core/reason.js'
import { modeParam } from '../../shared/params.js'
import { codePointLength, splitWhitespace } from '../metrics/sequence.js'
import { answerFromParam, isOutput, metaTokenCount, readAnswer, readReferences } from '../shared.js'
import { cosineLength } from './cosine-length.js'

export const CosineLengthParams = z
  .object({
    correctness: z
      .enum(['meta', 'exact-match', 'normalized-match'])
      .default('meta')
      .describe(
        'where correctness comes from: "meta" (item.meta.correct, a boolean or a score ≥ correctThreshold), "exact-match" (the answer equals a reference after trimming) or "normalized-match" (also case- and whitespace-insensitive)',
      ),
    correctThreshold: z.number().default(0.5).describe('a numeric meta.correct at or above it counts as correct'),
    answerFrom: answerFromParam,
    lengthUnit: z
      .enum(['characters', 'tokens'])
      .default('characters')
      .describe('"characters" of the whole output (TRL); "tokens" from meta.tokens / meta.responseLength (the paper)'),
    maxLength: z.int().min(1).default(1000).describe('length where the cosine reaches its far end (TRL: 1000)'),
    correctShort: z.number().default(1).describe('reward of a correct answer of length 0'),
    correctLong: z.number().default(0.5).describe('reward of a correct answer at maxLength'),
    wrongShort: z.number().default(-1).describe('reward of a wrong answer of length 0'),
    wrongLong: z.number().default(-0.5).describe('reward of a wrong answer at maxLength'),
    exceedPenalty: z.number().optional().describe('reward at or past maxLength (paper: −10); unset: none (TRL)'),
    mode: modeParam,
  })
  .refine((p) => p.correctShort >= p.correctLong && p.wrongShort <= p.wrongLong && p.wrongLong <= p.correctLong, {
    message:
      'curves must satisfy correctShort ≥ correctLong ≥ wrongLong ≥ wrongShort (a wrong answer never outscores a right one)',
  })
export type CosineLengthParams = z.infer<typeof CosineLengthParams>

function isCorrect(
  response: string,
  reference: unknown,
  meta: Record<string, unknown> | undefined,
  p: CosineLengthParams,
): boolean | RewardOutput {
  if (p.correctness === 'meta') {
    const c = meta?.correct
    if (typeof c === 'boolean') return c
    if (typeof c === 'number' && Number.isFinite(c)) return c >= p.correctThreshold
    return invalid({
      code: 'missing_input',
      field: 'meta.correct',
      expected: `a boolean or a number (got ${describeValue(c)})`,
    })
  }
  const refs = readReferences(reference)
  if (isOutput(refs)) return refs
  const answer = readAnswer(response, p.answerFrom)
  if (isOutput(answer)) return answer.reason.code === 'too_large' ? answer : false
  const norm = (s: string) => (p.correctness === 'exact-match' ? s.trim() : splitWhitespace(s.toLowerCase()).join(' '))
  const a = norm(answer.text)
  return refs.some((r) => norm(r) === a)
}

/**
 * Cosine length scaling conditioned on correctness (Demystifying Long CoT; TRL/open-r1 `get_cosine_scaled_reward`),
 * with progress clamped at maxLength in `fixed` mode. A missing or empty answer counts as wrong. Components:
 * `correct` (0/1) and `length`.
 * @see arXiv:2502.03373; https://github.com/huggingface/open-r1 (src/open_r1/rewards.py)
 * @example score({ response: 'x'.repeat(500), meta: { correct: true } }) //= 0.75
 */
export const cosineLengthReward = defineReward({
  id: 'cosine-length',
  version: 2,
  summary: 'length-scaled reward: short correct answers best, long wrong answers penalised least (cosine schedule)',
  source: 'Yeo et al. arXiv:2502.03373; huggingface/open-r1 src/open_r1/rewards.py get_cosine_scaled_reward (TRL)',
  params: CosineLengthParams,
  needs: {},
  // the four end values and exceedPenalty (paper: −10) are free params; [−1, 1] only under the defaults
  range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
  components: () => ['correct', 'length'],
  score: ({ response, reference, item, params }) => {
    const correct = isCorrect(response, reference, item.meta, params)
    if (typeof correct !== 'boolean') return correct
    let length: number | undefined
    if (params.lengthUnit === 'tokens') {
      length = metaTokenCount(item.meta)
      if (length === undefined)
        return invalid({ code: 'missing_input', field: 'meta.tokens', expected: 'the response length in tokens' })
    } else length = codePointLength(response)
    return scored(cosineLength(length, correct, params), undefined, { correct: correct ? 1 : 0, length })
  },
})
