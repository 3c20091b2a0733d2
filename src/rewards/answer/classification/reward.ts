import { z } from 'zod'
import { defineReward } from '../../../core/define-reward.js'
import { invalid, scored } from '../../../core/outcome.js'
import { modeParam } from '../../shared/params.js'
import { readReferences } from '../../text/shared.js'
import { answerSourceParams, isOutput, readAnswerRaw } from '../answer-source.js'
import { classification } from './classification.js'

export const ClassificationParams = z.object({
  ...answerSourceParams({ answerFrom: 'answer-tag-or-whole', multiline: false }),
  match: z
    .enum(['exact', 'substring', 'verbatim'])
    .default('exact')
    .describe(
      '"exact": answer or whole output equals the label ignoring case (CLS-RL); "substring": Visual-RFT\'s containment after removing spaces and _; "verbatim": the whole output equals the label exactly (No-Thinking CLS-RL)',
    ),
  mode: modeParam,
})
export type ClassificationParams = z.infer<typeof ClassificationParams>

/**
 * Class-label accuracy as CLS-RL, Visual-RFT or No-Thinking CLS-RL score it; 1 or 0, the best over a list of labels.
 * `faithful` keeps Visual-RFT's quirk where an empty answer matches every label, and reads only strict `<answer>`
 * tags as the references' regex does; `fixed` never pays an empty answer and also reads `< answer >` (EasyR1's fix).
 * @see rewards.md §1b, §5c
 * @example score({ response: '<answer>Golden Retriever</answer>', reference: 'golden retriever' }) //= 1
 */
export const classificationReward = defineReward({
  id: 'classification',
  version: 2,
  summary: 'Class-label accuracy: CLS-RL exact, Visual-RFT substring (faithful quirk optional), or verbatim',
  source:
    'CLS-RL src/cls-rl/src/open_r1/grpo.py, grpo_direct.py; Visual-RFT src/virft/src/open_r1/grpo_classification.py',
  params: ClassificationParams,
  needs: { reference: true },
  range: [0, 1],
  score: ({ response, reference, params }) => {
    const labels = readReferences(reference)
    if (isOutput(labels)) return labels
    // faithful: the references' strict `<answer>(.*?)</answer>`, so `< answer >` is no tag (the whole output is read)
    const answer =
      params.match === 'verbatim' ? response : readAnswerRaw(response, params, { lenientTags: params.mode === 'fixed' })
    if (isOutput(answer)) return answer
    if (params.mode === 'fixed' && answer.trim() === '') return invalid({ code: 'empty_answer' })
    const hit = labels.some((l) => classification(answer, response, l, params))
    return hit ? scored(1) : scored(0, { code: 'wrong_answer', expected: labels[0] as string, got: answer.trim() })
  },
})
