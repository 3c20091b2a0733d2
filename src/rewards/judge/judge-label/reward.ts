import { z } from 'zod'
import { defineReward } from '../../../core/index.js'
import { callParams } from '../shared/call.js'
import { templateParam } from '../shared/template.js'
import { ITEM_VARS } from '../shared/vars.js'
import { JUDGE_LABEL_COMPONENTS, JUDGE_LABEL_PROMPT, judgeLabel } from './judge-label.js'

const label = z.string().min(1).max(200)

export const JudgeLabelParams = z
  .object({
    ...callParams,
    prompt: templateParam(JUDGE_LABEL_PROMPT, [...ITEM_VARS, 'labels']),
    labels: z
      .array(label)
      .min(2)
      .max(64)
      .default(['correct', 'incorrect'])
      .describe('the labels the judge chooses from (label_model "labels")'),
    passing: z
      .array(label)
      .min(1)
      .default(['correct'])
      .describe('labels that score 1 (label_model "passing_labels"); every other label scores 0'),
  })
  .superRefine((p, ctx) => {
    const lower = p.labels.map((l) => l.toLowerCase())
    if (new Set(lower).size !== lower.length)
      ctx.addIssue({ code: 'custom', path: ['labels'], message: 'labels must differ (case-insensitively)' })
    p.passing.forEach((l, i) => {
      if (!p.labels.includes(l))
        ctx.addIssue({ code: 'custom', path: ['passing', i], message: `"${l}" is not one of labels` })
    })
  })
export type JudgeLabelParams = z.infer<typeof JudgeLabelParams>

export const judgeLabelReward = defineReward({
  id: 'judge-label',
  version: 1,
  summary: 'Label grading by a judge model: 1 when the label it picks is a passing one, else 0',
  source: 'OpenAI RFT label_model grader (protocols.md §B)',
  params: JudgeLabelParams,
  needs: { judge: true },
  async: true,
  range: [0, 1],
  components: () => JUDGE_LABEL_COMPONENTS,
  score: ({ item, response, params, context }) => judgeLabel(item, response, params, context),
})
