import { invalid, type RewardOutput, scored } from '../../../core/index.js'
import { answerText, isReason } from '../shared/item.js'

/**
 * SATORI-R1's VQA reward: 1 when the first `<answer>` block, stripped, is exactly one of the acceptable answers
 * (case and punctuation count), else 0. An empty answer never matches, even an empty acceptable answer.
 * @see justairr/SATORI-R1 `plugin.py` (vqa reward); rewards.md §5a
 * @example satoriVqa('<caption>…</caption><bbox>[[1,2,3,4]]</bbox><answer> red </answer>', ['red', 'Red']).score //= 1
 */
export function satoriVqa(response: string, accepted: readonly string[]): RewardOutput {
  const text = answerText(response, 'tag', { lenient: false })
  if (isReason(text)) return invalid(text, 0, { match: 0 })
  // Python's str.strip() and JS trim() differ only on a few control characters; both drop ordinary whitespace
  if (accepted.includes(text)) return scored(1, undefined, { match: 1 })
  return scored(0, { code: 'wrong_answer', expected: accepted.join(' | '), got: text }, { match: 0 })
}
