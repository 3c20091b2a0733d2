import type { AnyRewardDefinition, RewardContext } from './define-reward.js'
import { invalid, type RewardOutput } from './outcome.js'
import type { ScoreItem } from './types.js'

/**
 * Runs one reward on one item and never throws: a reward that throws (a bug) or returns a non-finite score
 * becomes an invalid output with a `reward_error` reason, so one bad item cannot sink a batch.
 */
export function runReward(
  def: AnyRewardDefinition,
  params: unknown,
  item: ScoreItem,
  context: RewardContext,
): RewardOutput | Promise<RewardOutput> {
  try {
    const out = def.score({ response: item.response, reference: item.reference, item, params, context })
    return out instanceof Promise ? out.then(checkOutput, rewardError) : checkOutput(out)
  } catch (e) {
    return rewardError(e)
  }
}

/**
 * Runs a group reward (`scoreGroup`) on the rollouts of one group; never throws. A failure, or a wrong number of
 * outputs, gives every item of the group a `reward_error`.
 */
export async function runGroupReward(
  def: AnyRewardDefinition,
  params: unknown,
  items: readonly ScoreItem[],
  context: RewardContext,
): Promise<RewardOutput[]> {
  const fail = (message: string) => items.map(() => rewardError(message))
  if (!def.scoreGroup) return fail(`${def.id} cannot score groups`)
  try {
    const inputs = items.map((item) => ({ response: item.response, reference: item.reference, item, params, context }))
    const outs = await def.scoreGroup(inputs)
    if (outs.length !== items.length) return fail(`${def.id} returned ${outs.length} outputs for ${items.length} items`)
    return outs.map(checkOutput)
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e))
  }
}

function checkOutput(out: RewardOutput): RewardOutput {
  if (Number.isFinite(out.score)) return out
  return invalid({ code: 'reward_error', message: `score is ${out.score}` })
}

function rewardError(e: unknown): RewardOutput {
  return invalid({ code: 'reward_error', message: e instanceof Error ? e.message : String(e) })
}
