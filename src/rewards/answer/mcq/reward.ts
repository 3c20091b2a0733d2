import { z } from 'zod'
import { defineReward } from '../../../core/define-reward.js'
import { invalid, scored } from '../../../core/outcome.js'
import { describeValue } from '../../../core/reason.js'
import { answerSourceParams, isOutput, readAnswer } from '../answer-source.js'
import { mcq, mcqReference } from './mcq.js'

export const McqParams = z.object({
  ...answerSourceParams(),
  letters: z
    .string()
    .regex(/^[A-Z]{2,26}$/, 'two or more upper-case letters, e.g. "ABCD"')
    .optional()
    .describe('allowed option letters, e.g. "ABCD"; default: one per reference option, else A–E'),
  extract: z
    .enum(['ranked', 'exact'])
    .default('ranked')
    .describe(
      '"ranked": lmms-eval\'s ranked letter patterns; "exact": the stripped answer must equal the key (VideoRFT)',
    ),
})
export type McqParams = z.infer<typeof McqParams>

const EXPECTED_REF = 'an option letter ("B", "(B)", "B. text") or { answer, options? }'

/**
 * Multiple-choice accuracy: 1 when the chosen option letter is the key, 0 otherwise; several listed options → 0
 * with `suspected_hack`; no letter → invalid.
 * @see protocols.md §D (lmms-eval `extract_mcq_answer` ranking; VLMEvalKit `can_infer_option`); rewards.md §6a
 * @example score({ response: '<answer>(C)</answer>', reference: 'C' }) //= 1
 */
export const mcqReward = defineReward({
  id: 'mcq',
  version: 1,
  summary: 'Multiple-choice accuracy with ranked, deterministic letter extraction and a listed-options guard',
  source:
    'lmms-eval lmms_eval/tasks/_task_utils/mcq_extract.py; VLMEvalKit vlmeval/utils/matching_util.py; VideoRFT grpo.py',
  params: McqParams,
  needs: { reference: true },
  range: [0, 1],
  score: ({ response, reference, params }) => {
    if (reference === undefined || reference === null)
      return invalid({ code: 'missing_reference', expected: EXPECTED_REF })
    const ref = mcqReference(reference)
    if (!ref) return invalid({ code: 'invalid_reference', expected: EXPECTED_REF, got: describeValue(reference) })
    if (params.letters !== undefined && !params.letters.includes(ref.letter))
      return invalid({ code: 'invalid_reference', expected: `a key among ${params.letters}`, got: ref.letter })
    const answer = readAnswer(response, params)
    if (isOutput(answer)) return answer
    const opts =
      params.letters === undefined ? { extract: params.extract } : { extract: params.extract, letters: params.letters }
    const d = mcq(answer, ref, opts)
    if (d.reason.code === 'unparseable_answer') return invalid(d.reason)
    return scored(d.correct ? 1 : 0, d.reason)
  },
})
