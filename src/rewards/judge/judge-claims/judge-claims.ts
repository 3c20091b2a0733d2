import type { RewardContext, RewardOutput, ScoreItem } from '../../../core/index.js'
import { invalid, scored } from '../../../core/index.js'
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
import { indexedFlags } from '../shared/parse.js'
import { renderTemplate } from '../shared/template.js'
import { itemVars } from '../shared/vars.js'
import { aggregateSteps, type StepAggregate, type StepSplit, splitSteps } from './steps.js'

export interface JudgeClaimsOptions extends CallParams {
  prompt: string
  split: StepSplit
  maxSteps: number
  aggregate: StepAggregate
}

export const JUDGE_CLAIMS_COMPONENTS = ['steps', 'verified', 'tokens', 'latency_ms', 'cached'] as const

export const CLAIMS_PROMPT = `Check each step of a model's reasoning against the image(s) and the question.

Question:
{{prompt}}

Steps:
{{steps}}

For each step K, write <stepK>1</stepK> if it is correct and consistent with the image, or <stepK>0</stepK> if it
is wrong, unsupported by the image or a hallucination. Write one verdict for every step, in order.`

/**
 * Claim or step verification against the image (a process reward): the response's reasoning is split into steps
 * (lines by default), the judge marks each `<stepK>1|0</stepK>`, and the verdicts fold into `mean`, `min` or
 * `prefix` (default `mean`). A step the judge skipped counts as unverified (0); a reply with no verdict at all
 * is an error. Steps beyond `maxSteps` are not sent (the reason notes how many).
 * @see Process reward models, arXiv:2305.20050 (step-level verification); Perception-R1 `<infoK>` reply format
 * @example judgeClaims(...) // 4 steps, judge marks 1 1 0 1; mean //= 0.75, prefix //= 0.5
 */
export async function judgeClaims(
  item: ScoreItem,
  response: string,
  params: JudgeClaimsOptions,
  context: RewardContext,
): Promise<RewardOutput> {
  const zero = zeros(JUDGE_CLAIMS_COMPONENTS)
  const big = tooLong(response, params.maxChars, zero)
  if (big) return big
  const { steps, dropped } = splitSteps(response, params.split, params.maxSteps)
  if (steps.length === 0) return invalid({ code: 'empty_answer' }, 0, zero)
  const listed = steps.map((s, k) => `${k + 1}. ${s}`).join('\n')
  const text = renderTemplate(params.prompt, { ...itemVars(item, response), steps: listed }, item.meta)
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
  const flags = indexedFlags(reply.text, 'step', steps.length)
  const read = flags.filter((f) => f !== undefined).length
  if (read === 0) return unreadable(reply, '<stepK>1|0</stepK> verdicts', { ...zero, ...usage })
  const v = flags.map((f): number => (f !== undefined && f >= 1 ? 1 : 0))
  const verified = v.reduce((a, b) => a + b, 0 as number)
  const notes: string[] = []
  if (read < steps.length) notes.push(`${steps.length - read} step(s) without a verdict counted as unverified`)
  if (dropped > 0) notes.push(`${dropped} step(s) beyond maxSteps not judged`)
  const reason = notes.length > 0 ? { code: 'ok' as const, note: notes.join('; ') } : undefined
  return scored(aggregateSteps(v, params.aggregate), reason, { steps: steps.length, verified, ...usage })
}
