import type { RewardContext, RewardInput, RewardOutput } from '../../../core/index.js'
import { invalid, scored } from '../../../core/index.js'
import {
  type CallParams,
  nothingSpent,
  promptText,
  type Spent,
  selectImages,
  spend,
  usageComponents,
  zeros,
} from '../shared/call.js'
import { firstPoints, judgePair, type PairCall } from '../shared/pair.js'
import { asText } from '../shared/template.js'
import { pairsOf, winRates } from './win-rates.js'

export interface JudgeGroupWinrateOptions extends CallParams {
  prompt: string
  orders: 'one' | 'both'
  maxGroup: number
}

export const JUDGE_GROUP_WINRATE_COMPONENTS = ['consistency', 'unreadable', 'tokens', 'latency_ms', 'cached'] as const

/** Pref-GRPO reads the verdict in `<answer>` only: a reply without one is a tie (+.5 each), never a win. */
const PREF_GRPO_PARSE = { requireAnswerTag: true } as const

/** At most this many judge calls in flight for one group (the client's own limit applies on top). */
const GROUP_PARALLEL = 16

async function limited<T>(n: number, fn: (k: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(n)
  let next = 0
  const worker = async () => {
    while (next < n) {
      const k = next++
      out[k] = await fn(k)
    }
  }
  await Promise.all(Array.from({ length: Math.min(GROUP_PARALLEL, n) }, worker))
  return out
}

/**
 * Pref-GRPO's group reward: every unordered pair of the group's responses (i < j) goes to the judge with i shown
 * first; a verdict in the reply's `<answer>` block gives the winner 1; an unreadable one, or a reply with no
 * `<answer>` ("Image 1 is better" in prose included), gives each .5 (as the reference); `win_i = wins_i/(G−1)`,
 * rounded to 3 decimals as Python's `round` (halves to even on the exact binary value). `orders: "both"`
 * (default) also judges j first and averages, which the reference lacks (its position bias goes uncorrected);
 * `"one"` is the reference. `consistency` is the share of pairs whose two orders agree. A call that fails fails
 * the whole group (`reward_error`): a partial win rate would be a lie.
 * @see https://github.com/CodeGoat24/Pref-GRPO fastvideo/rewards/unifiedreward_think.py; rewards.md §8e
 * @example judgeGroupWinrate(G = 4, verdicts 0>1, 2>0, 0>3, 1~2, 1>3, 2>3) //= [0.667, 0.5, 0.833, 0]
 */
export async function judgeGroupWinrate(
  inputs: readonly RewardInput<JudgeGroupWinrateOptions>[],
  context: RewardContext,
): Promise<RewardOutput[]> {
  const g = inputs.length
  const zero = zeros(JUDGE_GROUP_WINRATE_COMPONENTS)
  const first = inputs[0]
  if (!first) return []
  const params = first.params
  if (g < 2)
    return inputs.map(() =>
      invalid({ code: 'missing_input', field: 'group', expected: 'a GRPO group of at least 2 rollouts' }, 0, zero),
    )
  if (g > params.maxGroup)
    return inputs.map(() =>
      invalid({ code: 'too_large', limit: 'group size (maxGroup)', size: g, max: params.maxGroup }, 0, zero),
    )
  for (const inp of inputs)
    if (inp.response.length > params.maxChars)
      return inputs.map(() =>
        invalid(
          { code: 'too_large', limit: 'response length (maxChars)', size: inp.response.length, max: params.maxChars },
          0,
          zero,
        ),
      )
  const item = first.item
  const vars = { prompt: promptText(item.prompt), reference: asText(item.reference) }
  const images = selectImages(item, params)
  const pairs = pairsOf(g)
  const both = params.orders === 'both'
  const ask = (a: number, b: number) =>
    judgePair(
      params.prompt,
      vars,
      (inputs[a] as RewardInput<unknown>).response,
      (inputs[b] as RewardInput<unknown>).response,
      images,
      params,
      context,
      item.meta,
      PREF_GRPO_PARSE,
    )
  const calls: PairCall[] = await limited(pairs.length * (both ? 2 : 1), (k) => {
    const [i, j] = pairs[k % pairs.length] as [number, number]
    return k < pairs.length ? ask(i, j) : ask(j, i)
  })
  const spent: Spent = nothingSpent()
  for (const c of calls) if ('reply' in c) spend(spent, c.reply)
  const usage = usageComponents(spent)
  const failed = calls.find((c): c is { failed: string } => 'failed' in c)
  if (failed)
    return inputs.map(() => invalid({ code: 'reward_error', message: failed.failed }, 0, { ...zero, ...usage }))
  const ok = calls as { verdict: 'first' | 'second' | 'tie' | undefined }[]
  let unreadable = 0
  let agree = 0
  const points = pairs.map((_, k) => {
    const fwd = ok[k]?.verdict
    if (fwd === undefined) unreadable++
    if (!both) return firstPoints(fwd)
    const rev = ok[k + pairs.length]?.verdict
    if (rev === undefined) unreadable++
    const a = firstPoints(fwd)
    const b = 1 - firstPoints(rev)
    if (fwd !== undefined && rev !== undefined && a === b) agree++
    return (a + b) / 2
  })
  const rates = winRates(g, points)
  const comps = { consistency: both ? agree / pairs.length : 0, unreadable, ...usage }
  const note =
    unreadable > 0 ? { code: 'ok' as const, note: `${unreadable} unreadable verdict(s) counted as ties` } : undefined
  return rates.map((w) => scored(w, note, { ...comps }))
}
