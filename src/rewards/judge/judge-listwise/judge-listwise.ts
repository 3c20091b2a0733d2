import type { RewardContext, RewardInput, RewardOutput } from '../../../core/index.js'
import { invalid, scored } from '../../../core/index.js'
import {
  ask,
  type CallParams,
  callOptions,
  isOutput,
  judgeMessages,
  nothingSpent,
  promptText,
  selectImages,
  spend,
  usageComponents,
  zeros,
} from '../shared/call.js'
import { asText, renderTemplate } from '../shared/template.js'
import { parseRanking, rankScores } from './ranking.js'

export interface JudgeListwiseOptions extends CallParams {
  prompt: string
  orders: 'one' | 'both'
  maxGroup: number
}

export const JUDGE_LISTWISE_COMPONENTS = ['rank', 'tokens', 'latency_ms', 'cached'] as const

export const LISTWISE_PROMPT = `You are ranking {{n}} responses to the same request about the image(s).

Request:
{{prompt}}

{{responses}}

Rank the responses from best to worst (accuracy, faithfulness to the image, helpfulness). Think briefly, then end
with the ranking as a JSON list of response numbers, best first, e.g. <answer>[2, 1, 3]</answer>.`

/**
 * Listwise ranking of a GRPO group by one judge call: the candidate ranked r-th (0 best) scores
 * `(G − 1 − r)/(G − 1)`; `rank` is its position. `orders: "both"` (default) asks again with the candidates in
 * reverse order and averages, so the first-shown response gains nothing. A ranking that is not a permutation of
 * 1..G, or a failed call, fails the group (`reward_error`).
 * @see RankGPT, arXiv:2304.09542 (listwise permutation prompts)
 * @example judgeListwise(G = 3, judge answers [2, 3, 1]) //= [0, 1, 0.5]
 */
export async function judgeListwise(
  inputs: readonly RewardInput<JudgeListwiseOptions>[],
  context: RewardContext,
): Promise<RewardOutput[]> {
  const g = inputs.length
  const zero = zeros(JUDGE_LISTWISE_COMPONENTS)
  const first = inputs[0]
  if (!first) return []
  const params = first.params
  const fail = (out: RewardOutput) => inputs.map(() => out)
  if (g < 2)
    return fail(
      invalid({ code: 'missing_input', field: 'group', expected: 'a GRPO group of at least 2 rollouts' }, 0, zero),
    )
  if (g > params.maxGroup)
    return fail(invalid({ code: 'too_large', limit: 'group size (maxGroup)', size: g, max: params.maxGroup }, 0, zero))
  const total = inputs.reduce((s, i) => s + i.response.length, 0)
  if (total > params.maxChars)
    return fail(
      invalid(
        { code: 'too_large', limit: 'the group’s responses (maxChars)', size: total, max: params.maxChars },
        0,
        zero,
      ),
    )
  const item = first.item
  const images = selectImages(item, params)
  const orders =
    params.orders === 'both' ? [inputs.map((_, i) => i), inputs.map((_, i) => g - 1 - i)] : [inputs.map((_, i) => i)]
  const spent = nothingSpent()
  const scores = new Array<number>(g).fill(0)
  for (const shown of orders) {
    const responses = shown
      .map((c, k) => `[Response ${k + 1}]\n${(inputs[c] as RewardInput<unknown>).response}`)
      .join('\n\n')
    const vars = { n: String(g), prompt: promptText(item.prompt), reference: asText(item.reference), responses }
    const text = renderTemplate(params.prompt, vars, item.meta)
    const reply = await ask(context, judgeMessages(text, images, params.system), callOptions(params, context), zero)
    if (isOutput(reply)) return fail({ ...reply, components: { ...zero, ...usageComponents(spent) } })
    spend(spent, reply)
    const ranking = parseRanking(reply.text, g)
    if (!ranking)
      return fail(
        invalid(
          {
            code: 'reward_error',
            message: `could not read a ranking of 1..${g} in the judge's reply: ${JSON.stringify(reply.text.slice(0, 200))}`,
          },
          0,
          { ...zero, ...usageComponents(spent) },
        ),
      )
    const s = rankScores(ranking)
    shown.forEach((cand, k) => {
      scores[cand] = (scores[cand] as number) + (s[k] as number) / orders.length
    })
  }
  const usage = usageComponents(spent)
  return scores.map((s) => scored(s, undefined, { rank: Math.round((1 - s) * (g - 1) * 1000) / 1000, ...usage }))
}
