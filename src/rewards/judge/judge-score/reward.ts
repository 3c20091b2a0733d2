import { z } from 'zod'
import { defineReward } from '../../../core/index.js'
import { callParams } from '../shared/call.js'
import { templateParam } from '../shared/template.js'
import { ITEM_VARS } from '../shared/vars.js'
import { JUDGE_SCORE_COMPONENTS, JUDGE_SCORE_PROMPT, judgeScore } from './judge-score.js'

export const JudgeScoreParams = z
  .object({
    ...callParams,
    prompt: templateParam(JUDGE_SCORE_PROMPT, [...ITEM_VARS, 'min', 'max']),
    range: z
      .tuple([z.number(), z.number()])
      .default([0, 1])
      .describe('[min, max] the judge scores in (score_model "range"); the result is clamped, then mapped to [0, 1]'),
  })
  .refine((p) => p.range[0] <= p.range[1], { message: 'range must be [min, max] with min ≤ max', path: ['range'] })
export type JudgeScoreParams = z.infer<typeof JudgeScoreParams>

export const judgeScoreReward = defineReward({
  id: 'judge-score',
  version: 1,
  summary: 'Pointwise rubric score from a judge model ({"result", "steps"}), clamped to a range and mapped to [0, 1]',
  source: 'OpenAI RFT score_model grader (protocols.md §B); LLM-as-a-judge, arXiv:2306.05685',
  params: JudgeScoreParams,
  needs: { judge: true },
  async: true,
  range: [0, 1],
  components: () => JUDGE_SCORE_COMPONENTS,
  score: ({ item, response, params, context }) => judgeScore(item, response, params, context),
})
