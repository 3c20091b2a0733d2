import { z } from 'zod'
import { defineReward } from '../../../core/index.js'
import { callParams } from '../shared/call.js'
import { templateParam } from '../shared/template.js'
import { ITEM_VARS } from '../shared/vars.js'
import { YES_NO_COMPONENTS, yesNoParams } from '../shared/yes-no.js'
import { JUDGE_CONSISTENCY_PROMPT, judgeConsistency } from './judge-consistency.js'

export const JudgeConsistencyParams = z.object({
  ...callParams,
  images: callParams.images.default('none'),
  maxTokens: callParams.maxTokens.default(8),
  ...yesNoParams,
  prompt: templateParam(JUDGE_CONSISTENCY_PROMPT, ITEM_VARS, ['think', 'answer']),
})
export type JudgeConsistencyParams = z.infer<typeof JudgeConsistencyParams>

export const judgeConsistencyReward = defineReward({
  id: 'judge-consistency',
  version: 1,
  summary: 'Reasoning-answer consistency: the judge’s P("yes") that the <answer> follows from the <think> block',
  source:
    'GRPO-CARE arXiv:2506.16141 (reasoning-answer consistency, rewards.md §8d), judged by a model instead of a reference likelihood',
  params: JudgeConsistencyParams,
  needs: { judge: true },
  async: true,
  range: [0, 1],
  components: () => YES_NO_COMPONENTS,
  score: ({ item, response, params, context }) => judgeConsistency(item, response, params, context),
})
