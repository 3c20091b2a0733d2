import type { RewardContext, RewardOutput, ScoreItem } from '../../../core/index.js'
import { scored } from '../../../core/index.js'
import {
  ask,
  type CallParams,
  callOptions,
  isOutput,
  judgeMessages,
  nothingSpent,
  selectImages,
  spend,
  tooLong,
  unreadable,
  usageComponents,
  zeros,
} from '../shared/call.js'
import { parseLabel } from '../shared/parse.js'
import { renderTemplate } from '../shared/template.js'
import { itemVars } from '../shared/vars.js'

export interface JudgeLabelOptions extends CallParams {
  prompt: string
  labels: readonly string[]
  passing: readonly string[]
}

export const JUDGE_LABEL_COMPONENTS = ['label_index', 'tokens', 'latency_ms', 'cached'] as const

export const JUDGE_LABEL_PROMPT = `Classify the model's answer to the question about the image(s).

Question:
{{prompt}}

Reference answer (may be empty):
{{reference}}

Model answer:
{{response}}

Answer with exactly one of these labels and nothing else: {{labels}}`

/**
 * Label grading: the judge names one of `labels`; the score is 1 when that label is in `passing`, else 0.
 * `label_index` is the label's position. A reply naming no label, or two, is an error.
 * @see protocols.md §B (OpenAI RFT label_model grader)
 * @example judgeLabel(...) // labels ['correct', 'incorrect'], passing ['correct'], judge says "correct" //= 1
 */
export async function judgeLabel(
  item: ScoreItem,
  response: string,
  params: JudgeLabelOptions,
  context: RewardContext,
): Promise<RewardOutput> {
  const zero = zeros(JUDGE_LABEL_COMPONENTS)
  const big = tooLong(response, params.maxChars, zero)
  if (big) return big
  const vars = { ...itemVars(item, response), labels: params.labels.join(', ') }
  const text = renderTemplate(params.prompt, vars, item.meta)
  const reply = await ask(
    context,
    judgeMessages(text, selectImages(item, params), params.system),
    callOptions(params, context),
    zero,
  )
  if (isOutput(reply)) return reply
  const spent = nothingSpent()
  spend(spent, reply)
  const usage = usageComponents(spent)
  const label = parseLabel(reply.text, params.labels)
  if (label === undefined) return unreadable(reply, `one of ${params.labels.join(', ')}`, { ...zero, ...usage })
  const comps = { label_index: params.labels.indexOf(label), ...usage }
  const pass = params.passing.includes(label)
  return scored(pass ? 1 : 0, pass ? undefined : { code: 'wrong_answer', got: label }, comps)
}
