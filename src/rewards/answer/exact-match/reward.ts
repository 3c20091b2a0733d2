import { z } from 'zod'
import { defineReward } from '../../../core/define-reward.js'
import { scored } from '../../../core/outcome.js'
import { readReferences } from '../../text/shared.js'
import { answerSourceParams, isOutput, readAnswer } from '../answer-source.js'
import { exactMatch } from './exact-match.js'

export const ExactMatchParams = z.object({
  ...answerSourceParams(),
  caseSensitive: z.boolean().default(false).describe('compare case-sensitively (SQuAD: false)'),
  punctuation: z.boolean().default(true).describe('drop ASCII punctuation before comparing (SQuAD: true)'),
  articles: z.boolean().default(true).describe('drop the articles a/an/the (SQuAD: true)'),
  whitespace: z.boolean().default(true).describe('collapse whitespace and trim (SQuAD: true)'),
})
export type ExactMatchParams = z.infer<typeof ExactMatchParams>

/**
 * 1 when the answer equals any reference after SQuAD-style normalisation (each step a param), else 0. With every
 * step off it is SATORI's VQA reward (the stripped answer in the list of acceptable answers, rewards.md §5a).
 * @see https://github.com/allenai/bi-att-flow/blob/master/squad/evaluate-v1.1.py (`normalize_answer`, `exact_match_score`)
 * @example score({ response: '<answer>The Eiffel Tower.</answer>', reference: ['eiffel tower'] }) //= 1
 */
export const exactMatchReward = defineReward({
  id: 'exact-match',
  version: 2,
  summary: 'Normalised exact match against one or more references (SQuAD normalisation, each step optional)',
  source: 'SQuAD v1.1 evaluate-v1.1.py normalize_answer / exact_match_score; SATORI-R1 plugin.py (VQA)',
  params: ExactMatchParams,
  needs: { reference: true },
  range: [0, 1],
  score: ({ response, reference, params }) => {
    const refs = readReferences(reference)
    if (isOutput(refs)) return refs
    const answer = readAnswer(response, params)
    if (isOutput(answer)) return answer
    return exactMatch(answer, refs, params)
      ? scored(1)
      : scored(0, { code: 'wrong_answer', expected: refs[0] as string, got: answer })
  },
})
