import { z } from 'zod'
import { defineReward } from '../../../core/define-reward.js'
import { scored } from '../../../core/outcome.js'
import { type RougeType, rougeOrder, rougeScore, rougeTokenize, rougeTokens } from '../metrics/rouge.js'
import { rougeIds } from '../metrics/rouge-ids.js'
import { lcsLengthOf } from '../metrics/sequence.js'
import {
  type CachedTokens,
  cachedTokens,
  clippedMatchesIndexed,
  type IdSequence,
  indexReferences,
} from '../metrics/vocab.js'
import { answerFromParam, isOutput, memoize, readAnswer, readReferences } from '../shared.js'

const stemmedTokens = memoize((s) => cachedTokens(rougeTokenize(s, true)))
const plainTokens = memoize((s) => cachedTokens(rougeTokenize(s, false)))
/** n-gram matches per order, reused across calls */
const MATCHES: number[] = []

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
 * F-measure of one type against one target: from the index (`ids`, and `MATCHES` filled for the target), else from
 * the prediction's tokens.
 */
function fmeasureOf(type: RougeType, pred: IdSequence | readonly string[], target: CachedTokens): number {
  if (Array.isArray(pred)) return rougeTokens(pred, target.tokens, type).fmeasure
  const ids = pred as IdSequence
  const n = rougeOrder(type)
  const hits =
    n === 0 ? lcsLengthOf(ids.ids, ids.length, target.data, target.tokens.length) : (MATCHES[n - 1] as number)
  return rougeScore(type, hits, ids.length, target.tokens.length).fmeasure
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
  version: 2,
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
    const targets = refs.map(params.stem ? stemmedTokens : plainTokens)
    const types = TYPES[params.variant]
    let order = 0
    for (const t of types) order = Math.max(order, rougeOrder(t))
    // ids through the cached reference index (see metrics/vocab.ts), else the plain tokens
    const indexed = indexReferences(targets, Math.max(1, order))
    const pred = indexed ? rougeIds(answer.text, params.stem) : rougeTokenize(answer.text, params.stem)
    const best = types.map(() => 0)
    for (const target of targets) {
      if (indexed && order > 0) clippedMatchesIndexed(pred as IdSequence, [target], order, MATCHES)
      for (let k = 0; k < types.length; k++) {
        const f = fmeasureOf(types[k] as RougeType, pred, target)
        if (f > (best[k] as number)) best[k] = f
      }
    }
    const components: Record<string, number> = {}
    let sum = 0
    for (let k = 0; k < types.length; k++) {
      components[COMPONENT[types[k] as RougeType]] = best[k] as number
      sum += best[k] as number
    }
    return scored(sum / types.length, undefined, components)
  },
})
