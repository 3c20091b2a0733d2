import { z } from 'zod'
import { defineReward } from '../../../core/index.js'
import { callParams } from '../shared/call.js'
import { PAIR_PROMPT, PAIR_VARS } from '../shared/pair.js'
import { templateParam } from '../shared/template.js'
import { JUDGE_PAIRWISE_COMPONENTS, judgePairwise } from './judge-pairwise.js'

export const JudgePairwiseParams = z.object({
  ...callParams,
  prompt: templateParam(PAIR_PROMPT, PAIR_VARS, ['response_1', 'response_2']),
  against: z
    .string()
    .regex(/^(?:reference|meta\.[A-Za-z0-9_]+)$/, '"reference" or "meta.<key>"')
    .default('reference')
    .describe('the answer the response is compared with: "reference" (default) or "meta.<key>"'),
  orders: z
    .enum(['one', 'both'])
    .default('both')
    .describe('"both" (default) judges each order and averages, which cancels position bias; "one" judges once'),
})
export type JudgePairwiseParams = z.infer<typeof JudgePairwiseParams>

export const judgePairwiseReward = defineReward({
  id: 'judge-pairwise',
  version: 1,
  summary:
    'Pairwise judge preference against a baseline answer, both orders averaged, with a position-consistency flag',
  source: 'VL-RewardBench (VLMEvalKit vl_rewardbench.py) and MMRB2 (facebookresearch/MMRB2) protocols, rewards.md §9',
  params: JudgePairwiseParams,
  needs: { judge: true },
  async: true,
  range: [0, 1],
  components: () => JUDGE_PAIRWISE_COMPONENTS,
  score: ({ item, response, params, context }) => judgePairwise(item, response, params, context),
})
