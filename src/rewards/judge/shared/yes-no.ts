import { z } from 'zod'
import type { ImageRef, RewardContext, RewardOutput } from '../../../core/index.js'
import { scored } from '../../../core/index.js'
import {
  ask,
  type CallParams,
  callOptions,
  isOutput,
  judgeMessages,
  nothingSpent,
  spend,
  unreadable,
  usageComponents,
} from './call.js'
import { yesProbability } from './parse.js'

export const yesNoParams = {
  topLogprobs: z
    .number()
    .int()
    .min(1)
    .max(20)
    .default(20)
    .describe('alternatives asked for at each reply token; P(yes) sums those that read "yes"'),
  normalize: z
    .boolean()
    .default(true)
    .describe('true: P(yes)/(P(yes)+P(no)); false: P(yes) as read (VQAScore’s raw probability)'),
  fallback: z
    .enum(['text', 'error'])
    .default('text')
    .describe('when the endpoint gives no logprobs: "text" scores a clear yes 1 and no 0; "error" fails the item'),
}

export interface YesNoOptions extends CallParams {
  topLogprobs: number
  normalize: boolean
  fallback: 'text' | 'error'
}

export const YES_NO_COMPONENTS = ['p_yes', 'p_no', 'tokens', 'latency_ms', 'cached'] as const

/** Asks a yes/no question and scores P(yes) from the first answer token's logprobs (text when there are none). */
export async function askYesNo(
  text: string,
  images: readonly ImageRef[],
  params: YesNoOptions,
  context: RewardContext,
  zero: Record<string, number>,
): Promise<RewardOutput> {
  const options = callOptions(params, context, { logprobs: true, topLogprobs: params.topLogprobs })
  const reply = await ask(context, judgeMessages(text, images, params.system), options, zero)
  if (isOutput(reply)) return reply
  const spent = nothingSpent()
  spend(spent, reply)
  const usage = usageComponents(spent)
  const p = yesProbability(reply)
  if (p === undefined || (p.from === 'text' && params.fallback === 'error'))
    return unreadable(reply, params.fallback === 'error' ? 'logprobs of yes/no' : 'yes or no', { ...zero, ...usage })
  const both = p.pYes + p.pNo
  if (params.normalize && both === 0)
    return unreadable(reply, 'an answer whose first token is yes or no', { ...zero, ...usage })
  const score = params.normalize ? p.pYes / both : p.pYes
  const comps = { p_yes: p.pYes, p_no: p.pNo, ...usage }
  return scored(
    score,
    p.from === 'text' ? { code: 'ok', note: 'no logprobs from the judge: scored from its words' } : undefined,
    comps,
  )
}
