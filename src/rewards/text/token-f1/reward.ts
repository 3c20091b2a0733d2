import { z } from 'zod'
import { defineReward } from '../../../core/define-reward.js'
import { scored } from '../../../core/outcome.js'
import { answerFromParam, isOutput, memoize, readAnswer, readReferences } from '../shared.js'
import { squadTokens, type TokenF1Detail, tokenF1Tokens } from './token-f1.js'

const referenceTokens = memoize(squadTokens)

export const TokenF1Params = z.object({ answerFrom: answerFromParam })
export type TokenF1Params = z.infer<typeof TokenF1Params>

/**
 * SQuAD-style token F1 against the best-matching reference (max over references, as the SQuAD script does);
 * precision and recall of that reference are components.
 * @see https://github.com/allenai/bi-att-flow/blob/master/squad/evaluate-v1.1.py
 * @example score({ response: '<answer>the big red car</answer>', reference: ['a red car', 'blue'] }) //= 0.8
 */
export const tokenF1Reward = defineReward({
  id: 'token-f1',
  version: 2,
  summary: 'SQuAD token F1 of normalised answers, max over references',
  source: 'SQuAD v1.1 evaluate script (normalize_answer, f1_score)',
  params: TokenF1Params,
  needs: { reference: true },
  range: [0, 1],
  components: () => ['precision', 'recall'],
  score: ({ response, reference, params }) => {
    const refs = readReferences(reference)
    if (isOutput(refs)) return refs
    const answer = readAnswer(response, params.answerFrom)
    if (isOutput(answer)) return answer
    let best: TokenF1Detail = { f1: 0, precision: 0, recall: 0 }
    const pred = squadTokens(answer.text)
    for (const r of refs) {
      const d = tokenF1Tokens(pred, referenceTokens(r))
      if (d.f1 > best.f1) best = d
    }
    return scored(best.f1, undefined, { precision: best.precision, recall: best.recall })
  },
})
