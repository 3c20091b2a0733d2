import type { RewardContext, RewardOutput, ScoreItem } from '../../../core/index.js'
import { invalid } from '../../../core/index.js'
import { extractTag } from '../../parsing/tags.js'
import { selectImages, tooLong, zeros } from '../shared/call.js'
import { renderTemplate } from '../shared/template.js'
import { itemVars } from '../shared/vars.js'
import { askYesNo, YES_NO_COMPONENTS, type YesNoOptions } from '../shared/yes-no.js'

export interface JudgeConsistencyOptions extends YesNoOptions {
  prompt: string
}

export const JUDGE_CONSISTENCY_PROMPT = `Here is a question, a chain of reasoning and a final answer.

Question:
{{prompt}}

Reasoning:
{{think}}

Final answer:
{{answer}}

Does the final answer follow from the reasoning, without contradicting it? Please answer yes or no.`

/**
 * Reasoning-answer consistency: asks the judge whether the `<answer>` follows from the `<think>` block and scores
 * P("yes") (logprobs, else the words). A response missing either block is invalid (`no_answer`): there is nothing
 * to compare, and the judge is not called. Text-only by default (`images: "none"`).
 * @see GRPO-CARE, arXiv:2506.16141 (consistency bonus); rewards.md §8d
 * @example judgeConsistency(...) // '<think>2+2=4</think><answer>4</answer>', judge says Yes (p .95, No .05) //= 0.95
 */
export async function judgeConsistency(
  item: ScoreItem,
  response: string,
  params: JudgeConsistencyOptions,
  context: RewardContext,
): Promise<RewardOutput> {
  const zero = zeros(YES_NO_COMPONENTS)
  const big = tooLong(response, params.maxChars, zero)
  if (big) return big
  const think = extractTag(response, 'think')
  if (think === undefined || think.trim() === '')
    return invalid({ code: 'no_answer', expected: 'a non-empty <think>…</think> block' }, 0, zero)
  const answer = extractTag(response, 'answer')
  if (answer === undefined || answer.trim() === '')
    return invalid({ code: 'no_answer', expected: 'a non-empty <answer>…</answer> block' }, 0, zero)
  const text = renderTemplate(params.prompt, itemVars(item, response), item.meta)
  return askYesNo(text, selectImages(item, params), params, context, zero)
}
