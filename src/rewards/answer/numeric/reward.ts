import { z } from 'zod'
import { defineReward } from '../../../core/define-reward.js'
import { invalid, scored } from '../../../core/outcome.js'
import { describeValue } from '../../../core/reason.js'
import { answerSourceParams, isOutput, readAnswer } from '../answer-source.js'
import { numeric } from './numeric.js'

export const NumericParams = z.object({
  ...answerSourceParams(),
  absTol: z.number().min(0).default(0).describe('absolute tolerance'),
  relTol: z.number().min(0).default(1e-9).describe('relative tolerance of the reference (ChartQA relaxed: 0.05)'),
  percent: z
    .enum(['either', 'value', 'ignore'])
    .default('either')
    .describe('"either": 25% matches 0.25 and 25; "value": 25% is 0.25 (ChartQA); "ignore": 25% is 25'),
  extract: z
    .enum(['strict', 'first', 'last'])
    .default('strict')
    .describe('"strict": the answer must be one number (units, currency allowed); "first"/"last" number in prose'),
  decimal: z
    .enum(['auto', 'point', 'comma'])
    .default('auto')
    .describe('decimal separator: "auto" (English unless dot-grouped), "point" or "comma"'),
  decimals: z.number().int().min(0).max(12).optional().describe('round both sides to this many decimals (VideoRFT: 2)'),
  scoring: z
    .enum(['binary', 'regression'])
    .default('binary')
    .describe('"binary": 1 within tolerance; "regression": 1 − clipped relative error (VideoRFT)'),
  stringFallback: z
    .boolean()
    .default(false)
    .describe('when a side is not a number, compare the strings case-insensitively (ChartQA)'),
})
export type NumericParams = z.infer<typeof NumericParams>

const EXPECTED_REF = 'a number or a numeric string, or a list of them'

/**
 * Numeric accuracy with absolute/relative tolerance, percent handling, and VideoRFT's regression score; the best
 * over a list of references.
 * @see protocols.md §D (ChartQA relaxed_correctness); rewards.md §6a (VideoRFT)
 * @example score({ response: '<answer>$1,234.5</answer>', reference: 1234.5 }) //= 1
 */
export const numericReward = defineReward({
  id: 'numeric',
  version: 1,
  summary: 'Numeric accuracy: tolerance (ChartQA relaxed 5%), percent handling, or VideoRFT regression score',
  source: 'ChartQA relaxed_correctness (lmms-eval chartqa/utils.py); VideoRFT src/r1-v/src/open_r1/grpo.py',
  params: NumericParams,
  needs: { reference: true },
  range: [0, 1],
  score: ({ response, reference, params }) => {
    if (reference === undefined || reference === null)
      return invalid({ code: 'missing_reference', expected: EXPECTED_REF })
    const refs = Array.isArray(reference) ? reference : [reference]
    if (refs.length === 0 || !refs.every((r) => (typeof r === 'number' && Number.isFinite(r)) || typeof r === 'string'))
      return invalid({ code: 'invalid_reference', expected: EXPECTED_REF, got: describeValue(reference) })
    const answer = readAnswer(response, params)
    if (isOutput(answer)) return answer
    let best = numeric(answer, refs[0] as number | string, params)
    for (let k = 1; k < refs.length && best.score < 1; k++) {
      const d = numeric(answer, refs[k] as number | string, params)
      if (d.score > best.score) best = d
    }
    const r = best.reason
    if (r.code === 'unparseable_answer')
      return r.side === 'reference'
        ? invalid({ code: 'invalid_reference', expected: EXPECTED_REF, got: describeValue(reference) })
        : invalid(r)
    return scored(best.score, r)
  },
})
