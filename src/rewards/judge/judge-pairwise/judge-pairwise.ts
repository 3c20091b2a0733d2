import type { RewardContext, RewardOutput, ScoreItem } from '../../../core/index.js'
import { invalid, scored } from '../../../core/index.js'
import {
  type CallParams,
  nothingSpent,
  promptText,
  selectImages,
  spend,
  tooLong,
  usageComponents,
  zeros,
} from '../shared/call.js'
import { firstPoints, judgePair } from '../shared/pair.js'
import { asText } from '../shared/template.js'

export interface JudgePairwiseOptions extends CallParams {
  prompt: string
  /** where the other candidate is: `reference` or `meta.<key>` */
  against: string
  orders: 'one' | 'both'
}

export const JUDGE_PAIRWISE_COMPONENTS = ['forward', 'reverse', 'consistent', 'tokens', 'latency_ms', 'cached'] as const

/** The candidate the response is compared with: the reference, or a meta field. */
function baseline(item: ScoreItem, against: string): string | undefined {
  const v = against === 'reference' ? item.reference : item.meta?.[against.slice(5)]
  const text = typeof v === 'string' ? v : asText(v)
  return text.trim() === '' ? undefined : text
}

/**
 * Pairwise preference against a baseline (the reference answer, or `meta.<key>`): judged with the response first
 * (`forward`) and, with `orders: "both"` (default), second (`reverse`, flipped back); the score is the mean
 * of the two orders' points (1 win, 0 loss, .5 tie). `consistent` is 1 when both orders agree, the position-bias
 * check VL-RewardBench and MMRB2 report. An unreadable verdict is an error, never a tie.
 * @see rewards.md §9 (VL-RewardBench order swap; MMRB2 forward and reverse); arXiv:2411.17451
 * @example judgePairwise(...) // forward "Response 1 is better", reverse "Response 2 is better" //= 1 (consistent)
 */
export async function judgePairwise(
  item: ScoreItem,
  response: string,
  params: JudgePairwiseOptions,
  context: RewardContext,
): Promise<RewardOutput> {
  const zero = zeros(JUDGE_PAIRWISE_COMPONENTS)
  const big = tooLong(response, params.maxChars, zero)
  if (big) return big
  const other = baseline(item, params.against)
  if (other === undefined)
    return params.against === 'reference'
      ? invalid({ code: 'missing_reference', expected: 'the answer to compare with (a string)' }, 0, zero)
      : invalid({ code: 'missing_input', field: params.against, expected: 'the answer to compare with' }, 0, zero)
  const vars = { prompt: promptText(item.prompt), reference: asText(item.reference) }
  const images = selectImages(item, params)
  const calls = await Promise.all(
    params.orders === 'both'
      ? [
          judgePair(params.prompt, vars, response, other, images, params, context, item.meta),
          judgePair(params.prompt, vars, other, response, images, params, context, item.meta),
        ]
      : [judgePair(params.prompt, vars, response, other, images, params, context, item.meta)],
  )
  const spent = nothingSpent()
  for (const c of calls) if ('reply' in c) spend(spent, c.reply)
  const usage = usageComponents(spent)
  for (const c of calls) {
    if ('failed' in c) return invalid({ code: 'reward_error', message: c.failed }, 0, { ...zero, ...usage })
    if (c.verdict === undefined)
      return invalid(
        {
          code: 'reward_error',
          message: `could not read a verdict in the judge's reply: ${JSON.stringify(c.reply.text.slice(0, 200))}`,
        },
        0,
        { ...zero, ...usage },
      )
  }
  const [fwd, rev] = calls as { verdict: 'first' | 'second' | 'tie' }[]
  const forward = firstPoints(fwd?.verdict)
  if (!rev) return scored(forward, undefined, { ...zero, forward, ...usage })
  const reverse = 1 - firstPoints(rev.verdict)
  const consistent = forward === reverse ? 1 : 0
  const note = consistent ? undefined : { code: 'ok' as const, note: 'the two orders disagree (position bias)' }
  return scored((forward + reverse) / 2, note, { forward, reverse, consistent, ...usage })
}
