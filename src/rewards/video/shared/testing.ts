import type { RewardDefinition, RewardOutput, ScoreItem } from '../../../core/index.js'

/**
 * Scores one item with a synchronous reward, params parsed as a spec would; for tests and benches. Calls `score`
 * directly (not `runReward`), so a reward that throws fails the test instead of becoming a `reward_error`.
 */
export function scoreItem<P>(def: RewardDefinition<P>, params: unknown, item: ScoreItem): RewardOutput {
  const out = def.score({
    response: item.response,
    reference: item.reference,
    item,
    params: def.params.parse(params),
    context: { services: {} },
  })
  if (out instanceof Promise) throw new Error(`${def.id} is asynchronous`)
  return out
}
