import { z } from 'zod'
import { defineReward } from '../../../core/index.js'
import { modeParam } from '../../shared/params.js'
import { callParams } from '../shared/call.js'
import { templateParam } from '../shared/template.js'
import { ITEM_VARS } from '../shared/vars.js'
import {
  JUDGE_VISUAL_COVERAGE_COMPONENTS,
  judgeVisualCoverage,
  VISUAL_COVERAGE_PROMPT,
} from './judge-visual-coverage.js'

export const JudgeVisualCoverageParams = z.object({
  ...callParams,
  images: callParams.images.default('none'),
  prompt: templateParam(VISUAL_COVERAGE_PROMPT, [...ITEM_VARS, 'info'], ['info']),
  field: z
    .string()
    .regex(/^[A-Za-z0-9_]+$/)
    .default('visual_key_info')
    .describe('the item.meta key holding the annotated key visual information (a list of strings)'),
  mode: modeParam,
})
export type JudgeVisualCoverageParams = z.infer<typeof JudgeVisualCoverageParams>

export const judgeVisualCoverageReward = defineReward({
  id: 'judge-visual-coverage',
  version: 1,
  summary: 'Perception-R1 R_vis: share of the annotated key visual information a judge finds in the response',
  source: 'Perception-R1 (tongxiao2002/Perception-R1 verl/utils/reward_score/math_with_visual.py); rewards.md §5e',
  params: JudgeVisualCoverageParams,
  needs: { judge: true },
  async: true,
  range: [0, 1],
  components: () => JUDGE_VISUAL_COVERAGE_COMPONENTS,
  score: ({ item, response, params, context }) => judgeVisualCoverage(item, response, params, context),
})
