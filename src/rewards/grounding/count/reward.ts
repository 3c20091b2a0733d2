import { z } from 'zod'
import { defineReward, describeValue, invalid } from '../../../core/index.js'
import { parseNumber } from '../../parsing/numbers.js'
import { answerParam } from '../shared/params.js'
import { COUNT_PARSERS, count } from './count.js'

export const CountParams = z.object({
  answer: answerParam('tag-or-whole'),
  match: z
    .enum(['exact', 'relative'])
    .default('exact')
    .describe('"exact" (1 when equal, else 0) or "relative" (max(0, 1 − |pred − n| / max(n, 1)))'),
  parse: z
    .enum(COUNT_PARSERS)
    .default('single')
    .describe(
      'how the count is read: "single" (one number, digits or words; ambiguous answers are invalid), ' +
        '"first-integer" (pixmo_count) or "exact-string" (countbenchqa)',
    ),
})
export type CountParams = z.infer<typeof CountParams>

const EXPECTED = 'the true count: a whole number ≥ 0 (or a string of one)'

/** The true count from the reference: a whole number, or a string holding one. */
function truthOf(reference: unknown): number | undefined {
  const n = typeof reference === 'string' ? parseNumber(reference, { decimal: 'point' })?.value : reference
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined
}

export const countReward = defineReward({
  id: 'count',
  version: 1,
  summary: 'Object counting: the answer’s count (digits or number words) against the true count, exact or relative',
  source: 'lmms-eval lmms_eval/tasks/countbenchqa/utils.py, lmms_eval/tasks/pixmo_count/utils.py; protocols.md §D',
  params: CountParams,
  needs: { reference: true },
  range: [0, 1],
  components: () => ['exact', 'relative'],
  score: ({ response, reference, params }) => {
    const zero = { exact: 0, relative: 0 }
    if (reference === undefined || reference === null)
      return invalid({ code: 'missing_reference', expected: EXPECTED }, 0, zero)
    const truth = truthOf(reference)
    if (truth === undefined)
      return invalid({ code: 'invalid_reference', expected: EXPECTED, got: describeValue(reference) }, 0, zero)
    return count(response, truth, params)
  },
})
