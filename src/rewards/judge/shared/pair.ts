import type { ImageRef, RewardContext } from '../../../core/index.js'
import type { JudgeReply } from '../../../core/judge.js'
import { ask, type CallParams, callOptions, isOutput, judgeMessages } from './call.js'
import { type PairVerdict, type PairVerdictOptions, parsePairVerdict } from './parse.js'
import { renderTemplate } from './template.js'

export const PAIR_PROMPT = `You are comparing two responses to the same request about the image(s).

Request:
{{prompt}}

[Response 1]
{{response_1}}

[Response 2]
{{response_2}}

Judge which response is more accurate, faithful to the image and helpful. Think briefly, then end with
<answer>Response 1 is better</answer> or <answer>Response 2 is better</answer>.`

export const PAIR_VARS = ['prompt', 'response_1', 'response_2', 'reference'] as const

/** One pairwise call's outcome: the verdict (undefined when unreadable) and the reply, or the call's failure. */
export type PairCall = { verdict: PairVerdict | undefined; reply: JudgeReply } | { failed: string }

/**
 * Judges `first` against `second` (shown as Response 1 and 2); never throws. `parse` says how the verdict is read
 * (`requireAnswerTag` for Pref-GRPO; the default also reads a reply without `<answer>`, as the benchmarks need).
 */
export async function judgePair(
  template: string,
  vars: { prompt: string; reference: string },
  first: string,
  second: string,
  images: readonly ImageRef[],
  params: CallParams,
  context: RewardContext,
  meta?: Record<string, unknown>,
  parse: PairVerdictOptions = {},
): Promise<PairCall> {
  const text = renderTemplate(template, { ...vars, response_1: first, response_2: second }, meta)
  const reply = await ask(context, judgeMessages(text, images, params.system), callOptions(params, context), {})
  if (isOutput(reply)) return { failed: 'message' in reply.reason ? reply.reason.message : 'judge failed' }
  return { verdict: parsePairVerdict(reply.text, parse), reply }
}

/** Points the first-shown candidate gets from a verdict: 1 win, 0 loss, .5 tie or unreadable (Pref-GRPO). */
export const firstPoints = (v: PairVerdict | undefined): number => (v === 'first' ? 1 : v === 'second' ? 0 : 0.5)
