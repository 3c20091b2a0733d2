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

function checkOutput(out: RewardOutput): RewardOutput {
  if (Number.isFinite(out.score)) return out
  return invalid({ code: 'reward_error', message: `score is ${out.score}` })
}

function rewardError(e: unknown): RewardOutput {
  return invalid({ code: 'reward_error', message: e instanceof Error ? e.message : String(e) })
}
