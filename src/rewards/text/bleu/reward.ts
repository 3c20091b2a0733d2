import { z } from 'zod'
import { defineReward } from '../../../core/define-reward.js'
import { invalid, scored } from '../../../core/outcome.js'
import type { RewardReason } from '../../../core/reason.js'
import { bleuFromMatches, bleuTokens } from '../metrics/bleu.js'
import { tokenize13a } from '../metrics/tokenize-13a.js'
import { cachedTokens, clippedMatchesOf } from '../metrics/vocab.js'
import { answerFromParam, isOutput, lowercaseParam, memoize, readAnswer, readReferences } from '../shared.js'

const referenceTokens = memoize((s) => cachedTokens(tokenize13a(s)))
const lowerReferenceTokens = memoize((s) => cachedTokens(tokenize13a(s.toLowerCase())))
const MATCHES: number[] = []
const PRECISION = Array.from({ length: 8 }, (_, i) => `precision_${i + 1}`)

export const BleuParams = z.object({
  answerFrom: answerFromParam,
  maxOrder: z.int().min(1).max(8).default(4).describe('highest n-gram order (BLEU-4: 4)'),
  smooth: z
    .boolean()
    .default(true)
    .describe('add-one smoothing of every order, (m+1)/(c+1), as BLEUBERI (HF smooth=True)'),
  lowercase: lowercaseParam(false, 'BLEUBERI keeps case'),
})
export type BleuParams = z.infer<typeof BleuParams>

function emptyReference(k: number, n: number): RewardReason {
  const got = n === 1 ? 'an empty reference' : `reference ${k + 1} of ${n} is empty`
  return { code: 'invalid_reference', expected: 'references of at least one token each', got }
}

/**
 * BLEUBERI's reward: HF `evaluate` `bleu` with `smooth=True` on 13a tokens, clipped counts over all references and
 * brevity against the **shortest** reference. Components: `brevity_penalty` and `precision_1..maxOrder`.
 * A reference of no tokens is `invalid_reference`, even beside others: the shortest length would be 0, so the
 * brevity penalty would vanish (`x` against `''` would score .84), and HF `bleu` divides by it (ZeroDivisionError).
 * @see https://github.com/lilakk/BLEUBERI (training/dataset.py, grpo.sh); rewards.md §10
 * @example score({ response: 'the cat sat', reference: 'the cat sat on the mat' }) //= 0.3678…
 */
export const bleuReward = defineReward({
  id: 'bleu',
  version: 2,
  summary: 'sentence BLEU (13a tokens, smoothed, brevity against the shortest reference) as BLEUBERI trains with',
  source: 'lilakk/BLEUBERI training/dataset.py; HF evaluate bleu (tensorflow/nmt compute_bleu); rewards.md §10',
  params: BleuParams,
  needs: { reference: true },
  range: [0, 1],
  components: (p) => ['brevity_penalty', ...Array.from({ length: p.maxOrder }, (_, i) => `precision_${i + 1}`)],
  score: ({ response, reference, params }) => {
    const refs = readReferences(reference)
    if (isOutput(refs)) return refs
    const answer = readAnswer(response, params.answerFrom)
    if (isOutput(answer)) return answer
    const pred = tokenize13a(params.lowercase ? answer.text.toLowerCase() : answer.text)
    const cached = refs.map(params.lowercase ? lowerReferenceTokens : referenceTokens)
    const blank = cached.findIndex((c) => c.tokens.length === 0)
    if (blank !== -1) return invalid(emptyReference(blank, refs.length))
    const d = clippedMatchesOf(pred, cached, params.maxOrder, MATCHES)
      ? bleuFromMatches(
          MATCHES,
          pred.length,
          cached.map((c) => c.tokens.length),
          params,
        )
      : bleuTokens(
          pred,
          cached.map((c) => c.tokens),
          params,
        )
    const components: Record<string, number> = { brevity_penalty: d.brevityPenalty }
    for (let i = 0; i < d.precisions.length; i++) components[PRECISION[i] as string] = d.precisions[i] as number
    return scored(d.bleu, undefined, components)
  },
})
