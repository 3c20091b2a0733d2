import type { AnyRewardDefinition, RewardOutput, ScoreItem } from '../../../core/index.js'
import { runGroupReward, runReward } from '../../../core/index.js'
import type { JudgeService } from '../../../core/judge.js'

/** Runs a judge reward on one item the way the spec does: params through the schema, errors caught. */
export async function runJudge(
  def: AnyRewardDefinition,
  params: unknown,
  item: ScoreItem,
  judge?: JudgeService,
): Promise<RewardOutput> {
  return await runReward(def, def.params.parse(params), item, { services: judge ? { judge } : {} })
}

/** Runs a group judge reward on the responses of one group. */
export function runJudgeGroup(
  def: AnyRewardDefinition,
  params: unknown,
  responses: readonly string[],
  judge?: JudgeService,
  base: Omit<ScoreItem, 'response'> = {},
): Promise<RewardOutput[]> {
  const items = responses.map((response) => ({ ...base, response, group: 'g' }))
  return runGroupReward(def, def.params.parse(params), items, { services: judge ? { judge } : {} })
}
