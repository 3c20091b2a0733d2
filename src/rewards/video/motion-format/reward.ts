import { z } from 'zod'
import { defineReward, scored } from '../../../core/index.js'
import { motionFormatScore } from './motion-format.js'

export const MotionFormatParams = z
  .object({
    requireMotion: z
      .boolean()
      .default(false)
      .describe('motion tasks: full marks also need a <motion obj="…" dir="…" speed="…" scale="…"/> tag in <think>'),
  })
  .strict()
export type MotionFormatParams = z.infer<typeof MotionFormatParams>

const EXPECTED = {
  'think-answer': '<think>…</think> and <answer>…</answer>',
  'paired-tags': 'every <think> <answer> <obj> <box> <t> tag closed',
  claims: 'a spatio-temporal claim <obj>…</obj><box>[…]</box> at <t>…</t>s in <think>',
  'motion-tag': 'a <motion obj dir speed scale/> tag in <think>',
} as const

export const motionFormatReward = defineReward({
  id: 'motion-format',
  version: 1,
  summary: 'Motion-o format: 1 for think/answer with paired tags and grounded claims, .5 for think/answer only, else 0',
  source: 'ostadabbas/Motion-o training/reward_func_v3.py (rewards.md §6d)',
  params: MotionFormatParams,
  needs: {},
  range: [0, 1],
  score: ({ response, params }) => {
    const d = motionFormatScore(response, params.requireMotion)
    return d.missing === undefined
      ? scored(d.score)
      : scored(d.score, { code: 'format_mismatch', variant: 'motion-o', expected: EXPECTED[d.missing] })
  },
})
