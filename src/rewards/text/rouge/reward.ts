import { z } from 'zod'
import { defineReward } from '../../../core/define-reward.js'
import { scored } from '../../../core/outcome.js'
import { type RougeType, rougeTokenize, rougeTokens } from '../metrics/rouge.js'
import { answerFromParam, isOutput, memoize, readAnswer, readReferences } from '../shared.js'

const stemmedTokens = memoize((s) => rougeTokenize(s, true))
const plainTokens = memoize((s) => rougeTokenize(s, false))

const VARIANTS = ['rouge-1', 'rouge-2', 'rouge-l', 'rouge-1-2-l-mean'] as const
const TYPES: Record<(typeof VARIANTS)[number], readonly RougeType[]> = {
  'rouge-1': ['rouge1'],
  'rouge-2': ['rouge2'],
  'rouge-l': ['rougeL'],
  'rouge-1-2-l-mean': ['rouge1', 'rouge2', 'rougeL'],
}

export const RougeParams = z.object({
  answerFrom: answerFromParam,
  variant: z
    .enum(VARIANTS)
    .default('rouge-l')
    .describe('"rouge-1", "rouge-2", "rouge-l" F-measure, or "rouge-1-2-l-mean" (VideoRFT free-form: their mean)'),
  stem: z.boolean().default(true).describe('Porter-stem words longer than 3 letters, as rouge-score use_stemmer=True'),
})
export type RougeParams = z.infer<typeof RougeParams>

const COMPONENT: Record<RougeType, string> = {
  rouge1: 'rouge1',
  rouge2: 'rouge2',
  rouge3: 'rouge3',
  rouge4: 'rouge4',
  rouge5: 'rouge5',
  rougeL: 'rougeL',
}

/**
 * ROUGE F-measure as Google's `rouge-score` computes it (lower-cased `[a-z0-9]` tokens, optional Porter stemming);
 * for several references, the best one per ROUGE type. `rouge-1-2-l-mean` is VideoRFT's free-form accuracy.
 * Each F-measure used is a component.
 * @see https://github.com/google-research/google-research/tree/master/rouge; QiWang98/VideoRFT grpo.py (free-form); rewards.md §6a
 * @example score({ response: 'the cat sat', reference: 'the cat sat on the mat' }) //= 0.6666…
 */
export const rougeReward = defineReward({
  id: 'rouge',
  version: 1,
  summary: 'ROUGE-1/2/L F-measure (rouge-score tokenisation and stemming), or their mean as VideoRFT',
  source: 'google-research rouge/rouge_scorer.py; QiWang98/VideoRFT src/r1-v/src/open_r1/grpo.py (free-form)',
  params: RougeParams,
  needs: { reference: true },
  range: [0, 1],
  components: (p) => TYPES[p.variant].map((t) => COMPONENT[t]),
  score: ({ response, reference, params }) => {
    const refs = readReferences(reference)
    if (isOutput(refs)) return refs
    const answer = readAnswer(response, params.answerFrom)
    if (isOutput(answer)) return answer
    const pred = rougeTokenize(answer.text, params.stem)
    const targets = refs.map(params.stem ? stemmedTokens : plainTokens)
    const types = TYPES[params.variant]
    const components: Record<string, number> = {}
    let sum = 0
    for (const t of types) {
      let best = 0
      for (const target of targets) best = Math.max(best, rougeTokens(pred, target, t).fmeasure)
      components[COMPONENT[t]] = best
      sum += best
    }
    return scored(sum / types.length, undefined, components)
  },
})
