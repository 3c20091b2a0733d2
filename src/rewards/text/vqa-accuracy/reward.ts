import { z } from 'zod'
import { defineReward } from '../../../core/define-reward.js'
import { scored } from '../../../core/outcome.js'
import { answerFromParam, isOutput, readAnswer, readReferences } from '../shared.js'
import { vqaAccuracy } from './vqa-accuracy.js'

export const VqaAccuracyParams = z.object({
  answerFrom: answerFromParam,
  form: z
    .enum(['leave-one-out', 'simple'])
    .default('leave-one-out')
    .describe('"leave-one-out": the official mean over the subsets of n−1 answers; "simple": min(1, matches/k) once'),
  matchesForFull: z
    .int()
    .min(1)
    .max(10)
    .default(3)
    .describe('matching human answers for full credit (3 in VQA; 1 makes a single reference an exact match)'),
})
export type VqaAccuracyParams = z.infer<typeof VqaAccuracyParams>

/**
 * VQA accuracy against the list of human answers (`item.reference`, usually 10), after EvalAI normalisation.
 * @see https://github.com/GT-Vision-Lab/VQA (vqaEval.py); lmms-eval lmms_eval/tasks/_task_utils/vqa_eval_metric.py
 * @example score({ response: '<answer>Two</answer>', reference: ['2', '2', 'two', '3'] }) //= 0.75
 */
export const vqaAccuracyReward = defineReward({
  id: 'vqa-accuracy',
  version: 2,
  summary: 'VQA accuracy min(1, matches/3) over human answers after EvalAI normalisation, leave-one-out averaged',
  source: 'GT-Vision-Lab/VQA vqaEval.py; lmms-eval _task_utils/vqa_eval_metric.py EvalAIAnswerProcessor',
  params: VqaAccuracyParams,
  needs: { reference: true },
  range: [0, 1],
  score: ({ response, reference, params }) => {
    const refs = readReferences(reference)
    if (isOutput(refs)) return refs
    const answer = readAnswer(response, params.answerFrom)
    if (isOutput(answer)) return answer
    return scored(vqaAccuracy(answer.text, refs, params))
  },
})
