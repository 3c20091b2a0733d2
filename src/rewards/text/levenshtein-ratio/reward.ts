import { z } from 'zod'
import { defineReward } from '../../../core/define-reward.js'
import { scored } from '../../../core/outcome.js'
import { answerFromParam, isOutput, lowercaseParam, readAnswer, readReferences } from '../shared.js'
import { levenshteinRatio } from './levenshtein-ratio.js'

export const LevenshteinRatioParams = z.object({
  answerFrom: answerFromParam,
  normalization: z
    .enum(['max-length', 'indel'])
    .default('max-length')
    .describe('"max-length": 1 − lev/max(|a|,|b|); "indel": Levenshtein.ratio, 1 − indel/(|a|+|b|)'),
  lowercase: lowercaseParam(true, 'default true'),
  collapseWhitespace: z.boolean().default(true).describe('collapse whitespace runs and trim before comparing'),
})
export type LevenshteinRatioParams = z.infer<typeof LevenshteinRatioParams>

/**
 * Character-level normalised Levenshtein similarity to the closest reference, in [0, 1].
 * @see https://github.com/rapidfuzz/Levenshtein (`ratio`, for `normalization: "indel"`)
 * @example score({ response: '<answer>kitten</answer>', reference: 'sitting' }) //= 0.5714…
 */
export const levenshteinRatioReward = defineReward({
  id: 'levenshtein-ratio',
  version: 2,
  summary: 'normalised character Levenshtein similarity to the closest reference',
  source: 'Levenshtein distance; rapidfuzz/Levenshtein `ratio` for the indel normalisation',
  params: LevenshteinRatioParams,
  needs: { reference: true },
  range: [0, 1],
  score: ({ response, reference, params }) => {
    const refs = readReferences(reference)
    if (isOutput(refs)) return refs
    const answer = readAnswer(response, params.answerFrom)
    if (isOutput(answer)) return answer
    let best = 0
    for (const r of refs) best = Math.max(best, levenshteinRatio(answer.text, r, params))
    return scored(best)
  },
})
