import { z } from 'zod'
import { defineReward, invalid } from '../../../core/index.js'
import { callParams, zeros } from '../shared/call.js'
import { PAIR_PROMPT, PAIR_VARS } from '../shared/pair.js'
import { templateParam } from '../shared/template.js'
import { JUDGE_GROUP_WINRATE_COMPONENTS, judgeGroupWinrate } from './judge-group-winrate.js'

export const JudgeGroupWinrateParams = z.object({
  ...callParams,
  prompt: templateParam(PAIR_PROMPT, PAIR_VARS, ['response_1', 'response_2']),
  orders: z
    .enum(['one', 'both'])
    .default('both')
    .describe('"both" (default) judges each pair in both orders and averages; "one" is Pref-GRPO as released'),
  maxGroup: z
    .number()
    .int()
    .min(2)
    .max(64)
    .default(16)
    .describe('largest group judged (a group of G costs G(G−1)/2 calls per order); larger is too_large'),
})
export type JudgeGroupWinrateParams = z.infer<typeof JudgeGroupWinrateParams>

export const judgeGroupWinrateReward = defineReward({
  id: 'judge-group-winrate',
  version: 2,
  summary: 'Pref-GRPO: each rollout’s pairwise win rate against the rest of its GRPO group, by a judge model',
  source: 'Pref-GRPO (CodeGoat24/Pref-GRPO fastvideo/rewards/unifiedreward_think.py), arXiv:2508.20751; rewards.md §8e',
  params: JudgeGroupWinrateParams,
  needs: { judge: true, group: true },
  async: true,
  range: [0, 1],
  components: () => JUDGE_GROUP_WINRATE_COMPONENTS,
  score: () =>
    invalid(
      {
        code: 'missing_input',
        field: 'group',
        expected: 'the whole GRPO group (score with a batch that has group ids)',
      },
      0,
      zeros(JUDGE_GROUP_WINRATE_COMPONENTS),
    ),
  scoreGroup: (inputs) => judgeGroupWinrate(inputs, inputs[0]?.context ?? { services: {} }),
})
