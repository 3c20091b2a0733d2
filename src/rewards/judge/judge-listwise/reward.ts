import { z } from 'zod'
import { defineReward, invalid } from '../../../core/index.js'
import { callParams, zeros } from '../shared/call.js'
import { templateParam } from '../shared/template.js'
import { JUDGE_LISTWISE_COMPONENTS, judgeListwise, LISTWISE_PROMPT } from './judge-listwise.js'

export const JudgeListwiseParams = z.object({
  ...callParams,
  maxChars: callParams.maxChars.default(100_000),
  maxTokens: callParams.maxTokens.default(1024),
  prompt: templateParam(LISTWISE_PROMPT, ['n', 'prompt', 'reference', 'responses'], ['responses']),
  orders: z
    .enum(['one', 'both'])
    .default('both')
    .describe('"both" (default) also ranks the group in reverse order and averages; "one" asks once'),
  maxGroup: z.number().int().min(2).max(64).default(16).describe('largest group ranked in one prompt'),
})
export type JudgeListwiseParams = z.infer<typeof JudgeListwiseParams>

export const judgeListwiseReward = defineReward({
  id: 'judge-listwise',
  version: 1,
  summary: 'Listwise ranking of a GRPO group by a judge model; the best-ranked rollout scores 1, the worst 0',
  source: 'RankGPT listwise permutation prompting, arXiv:2304.09542; order-averaged as rewards.md §9 recommends',
  params: JudgeListwiseParams,
  needs: { judge: true, group: true },
  async: true,
  range: [0, 1],
  components: () => JUDGE_LISTWISE_COMPONENTS,
  score: () =>
    invalid(
      {
        code: 'missing_input',
        field: 'group',
        expected: 'the whole GRPO group (score with a batch that has group ids)',
      },
      0,
      zeros(JUDGE_LISTWISE_COMPONENTS),
    ),
  scoreGroup: (inputs) => judgeListwise(inputs, inputs[0]?.context ?? { services: {} }),
})
