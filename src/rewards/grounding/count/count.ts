import { invalid, type RewardOutput, scored } from '../../../core/index.js'
import { extractNumbers, parseNumber } from '../../parsing/numbers.js'
import { answerText, clipText, isReason, unparseable } from '../shared/item.js'
import type { AnswerSource } from '../shared/params.js'

/**
 * How the count is read from the answer:
 * - `single` (default): the answer is one number, in digits or words (`7`, `seven`, `1,024`, `7 apples`), or prose
 *   whose numbers all have one value (`I count 7 ... so 7`); answers naming two different values (`3 or 4`) are
 *   ambiguous and invalid, so hedging never pays. Percentages, fractions and negatives are not counts.
 * - `first-integer`: the first run of ASCII digits, as lmms-eval `pixmo_count` (number words are missed).
 * - `exact-string`: the stripped answer must equal `String(n)`, as lmms-eval `countbenchqa`.
 */
export const COUNT_PARSERS = ['single', 'first-integer', 'exact-string'] as const
export type CountParser = (typeof COUNT_PARSERS)[number]

export interface CountOptions {
  /** where the answer is (default `tag-or-whole`) */
  answer?: AnswerSource | undefined
  /** `exact` (default): 1 when equal; `relative`: `max(0, 1 − |p − n| / max(n, 1))` */
  match?: 'exact' | 'relative' | undefined
  parse?: CountParser | undefined
}

const ZERO = Object.freeze({ exact: 0, relative: 0 })

/** The count the answer gives, or a reason why it gives none. */
function readCount(text: string, parse: CountParser, truth: number): number | string {
  if (parse === 'exact-string') return text === String(truth) ? truth : Number.NaN
  if (parse === 'first-integer') {
    let i = 0
    while (i < text.length && !(text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57)) i++
    let j = i
    while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++
    return j > i ? Number(text.slice(i, j)) : 'a number (\\d+)'
  }
  const one = parseNumber(text, { decimal: 'point' })
  let value: number
  if (one) {
    if (one.percent) return 'a whole number, not a percentage'
    value = one.value
  } else {
    const found = extractNumbers(text, { decimal: 'point', max: 64 })
    if (found.length === 0) return 'a number, in digits or words'
    value = found[0]!.value
    for (const n of found) {
      if (n.value !== value || n.percent) return 'exactly one count (the answer names several different numbers)'
    }
  }
  if (!Number.isInteger(value) || value < 0) return 'a whole number of at least 0'
  return value
}

/**
 * Counting reward: the answer's count against the true count `truth` (a whole number), exact or by relative error.
 * Components: `exact` (0 or 1) and `relative` (`max(0, 1 − |p − n| / max(n, 1))`, so a count of 0 is not divided by).
 * @see lmms-eval `lmms_eval/tasks/countbenchqa/utils.py`, `lmms_eval/tasks/pixmo_count/utils.py`; protocols.md §D
 * @example count('<answer>seven</answer>', 7).score //= 1
 * @example count('<answer>6</answer>', 8, { match: 'relative' }).score //= 0.75
 */
export function count(response: string, truth: number, options: CountOptions = {}): RewardOutput {
  const { answer = 'tag-or-whole', match = 'exact', parse = 'single' } = options
  const text = answerText(response, answer)
  if (isReason(text)) return invalid(text, 0, ZERO)
  const got = readCount(text, parse, truth)
  if (typeof got === 'string') {
    return invalid(unparseable(got, text), 0, ZERO)
  }
  if (Number.isNaN(got)) {
    return scored(0, { code: 'wrong_answer', expected: String(truth), got: clipText(text) }, ZERO)
  }
  const exact = got === truth ? 1 : 0
  const relative = Math.max(0, 1 - Math.abs(got - truth) / Math.max(truth, 1))
  const score = match === 'exact' ? exact : relative
  const reason = exact ? undefined : ({ code: 'wrong_answer', expected: String(truth), got: String(got) } as const)
  return scored(score, reason, { exact, relative })
}
