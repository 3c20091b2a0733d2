import { z } from 'zod'
import { defineReward } from '../../../core/index.js'
import { callParams } from '../shared/call.js'
import { templateParam } from '../shared/template.js'
import { ITEM_VARS } from '../shared/vars.js'
import { CLAIMS_PROMPT, JUDGE_CLAIMS_COMPONENTS, judgeClaims } from './judge-claims.js'

export const JudgeClaimsParams = z.object({
  ...callParams,
  maxTokens: callParams.maxTokens.default(1024),
  prompt: templateParam(CLAIMS_PROMPT, [...ITEM_VARS, 'steps'], ['steps']),
  split: z
    .enum(['lines', 'sentences'])
    .default('lines')
    .describe('how the reasoning (<think> block, else the whole response) is cut into steps'),
  maxSteps: z.number().int().min(1).max(128).default(32).describe('most steps sent to the judge'),
  aggregate: z
    .enum(['mean', 'min', 'prefix'])
    .default('mean')
    .describe('"mean": share of steps verified; "min": 1 only if all are; "prefix": share before the first wrong step'),
})
export type JudgeClaimsParams = z.infer<typeof JudgeClaimsParams>

export const judgeClaimsReward = defineReward({
  id: 'judge-claims',
  version: 1,
  summary: 'Process reward: a judge verifies each reasoning step against the image; mean, min or prefix of verdicts',
  source: 'Let’s Verify Step by Step, arXiv:2305.20050 (step verification); Perception-R1 <infoK> reply format',
  params: JudgeClaimsParams,
  needs: { judge: true, image: true },
  async: true,
  range: [0, 1],
  components: () => JUDGE_CLAIMS_COMPONENTS,
  score: ({ item, response, params, context }) => judgeClaims(item, response, params, context),
})
