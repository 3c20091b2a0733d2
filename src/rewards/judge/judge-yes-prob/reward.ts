import { z } from 'zod'
import { defineReward } from '../../../core/index.js'
import { callParams } from '../shared/call.js'
import { templateParam } from '../shared/template.js'
import { ITEM_VARS } from '../shared/vars.js'
import { YES_NO_COMPONENTS, yesNoParams } from '../shared/yes-no.js'
import { JUDGE_YES_PROB_PROMPT, judgeYesProb } from './judge-yes-prob.js'

export const JudgeYesProbParams = z.object({
  ...callParams,
  maxTokens: callParams.maxTokens.default(8),
  ...yesNoParams,
  prompt: templateParam(JUDGE_YES_PROB_PROMPT, ITEM_VARS),
  requireImage: z.boolean().default(true).describe('an item without images is invalid (missing_input)'),
})
export type JudgeYesProbParams = z.infer<typeof JudgeYesProbParams>

export const judgeYesProbReward = defineReward({
  id: 'judge-yes-prob',
  version: 1,
  summary: 'VQAScore-style P("yes") from a judge’s logprobs: does the image show what the response says?',
  source: 'VQAScore, arXiv:2404.01291 (linzhiqiu/t2v_metrics)',
  params: JudgeYesProbParams,
  needs: { judge: true, image: true },
  async: true,
  range: [0, 1],
  components: () => YES_NO_COMPONENTS,
  score: ({ item, response, params, context }) => judgeYesProb(item, response, params, context),
})
