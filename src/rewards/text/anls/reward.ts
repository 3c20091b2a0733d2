import { z } from 'zod'
import { defineReward } from '../../../core/define-reward.js'
import { scored } from '../../../core/outcome.js'
import { modeParam } from '../../shared/params.js'
import { answerFromParam, isOutput, readAnswer, readReferences } from '../shared.js'
import { anls } from './anls.js'

export const AnlsParams = z.object({
  answerFrom: answerFromParam,
  threshold: z.number().min(0).max(1).default(0.5).describe('similarity below which the score is 0 (0.5 in DocVQA)'),
  mode: modeParam,
})
export type AnlsParams = z.infer<typeof AnlsParams>

/**
 * ANLS against the closest reference (protocols.md §D). `faithful` divides by the un-normalised lengths as
 * lmms-eval and VLMEvalKit do (whitespace padding then raises the score); `fixed` by the normalised ones.
 * @see https://github.com/EvolvingLMMs-Lab/lmms-eval (lmms_eval/api/metrics.py `anls`)
 * @example score({ response: '<answer>Acme Inc</answer>', reference: ['ACME inc.'] }) //= 0.888…
 */
export const anlsReward = defineReward({
  id: 'anls',
  version: 2,
  summary: 'Average Normalised Levenshtein Similarity (DocVQA): 1 − lev/len, 0 below the threshold',
  source: 'lmms-eval lmms_eval/api/metrics.py anls; VLMEvalKit vlmeval/dataset/utils/vqa_eval.py anls_compute',
  params: AnlsParams,
  needs: { reference: true },
  range: [0, 1],
  score: ({ response, reference, params }) => {
    const refs = readReferences(reference)
    if (isOutput(refs)) return refs
    const answer = readAnswer(response, params.answerFrom)
    if (isOutput(answer)) return answer
    // faithful measures the answer as the suites receive it: untrimmed
    return scored(anls(params.mode === 'faithful' ? answer.raw : answer.text, refs, params))
  },
})
