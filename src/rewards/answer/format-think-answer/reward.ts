import { z } from 'zod'
import { defineReward } from '../../../core/define-reward.js'
import { scored } from '../../../core/outcome.js'
import { FORMAT_REGEX, FORMAT_VARIANTS, formatThinkAnswer } from './format-think-answer.js'

export const FormatThinkAnswerParams = z.object({
  variant: z
    .enum(FORMAT_VARIANTS)
    .default('r1')
    .describe(
      'layout: "r1" (<think>…</think> <answer>…</answer>, fullmatch), "think-only" (TRL), "boxed" (EasyR1/verl geo3k), "satori" (caption/bbox/answer), "perception-r1" (newline form with \\boxed{}), "vlm-r1-rec" (VLM-R1 REC: re.search for think, then an answer holding {…[x1,y1,x2,y2]…})',
    ),
  lenientTags: z
    .boolean()
    .optional()
    .describe('accept whitespace inside tags (EasyR1\'s fix for Qwen2.5-VL-32B); default true for "boxed" only'),
})
export type FormatThinkAnswerParams = z.infer<typeof FormatThinkAnswerParams>

/**
 * 1 when the response follows the variant's layout exactly, else 0 with a `format_mismatch` reason.
 * @see rewards.md P2, §5a, §5e; TRL trl/rewards/format_rewards.py; EasyR1 examples/reward_function/math.py
 * @example score({ response: '<think>2+2</think> <answer>4</answer>' }) //= 1
 */
export const formatThinkAnswerReward = defineReward({
  id: 'format-think-answer',
  version: 1,
  summary:
    'Reasoning-format reward: 1 if the output matches the R1 / TRL / EasyR1 / SATORI / Perception-R1 / VLM-R1 REC layout',
  source:
    'R1 format (Visual-RFT grpo.py, VLM-R1); TRL trl/rewards/format_rewards.py; EasyR1 examples/reward_function/math.py; SATORI-R1 plugin.py; Perception-R1 math_with_visual.py; VLM-R1 vlm_modules/qwen_module.py (format_reward_rec)',
  params: FormatThinkAnswerParams,
  needs: {},
  range: [0, 1],
  score: ({ response, params }) => {
    const opts = params.lenientTags === undefined ? {} : { lenientTags: params.lenientTags }
    return formatThinkAnswer(response, params.variant, opts)
      ? scored(1)
      : scored(0, { code: 'format_mismatch', variant: params.variant, expected: FORMAT_REGEX[params.variant] })
  },
})
