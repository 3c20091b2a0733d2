/** Param schemas shared by the grounding rewards; each `.describe()` says what is expected. */
import { z } from 'zod'
import { BOX_ORDERS, COORD_SPACES } from '../../../core/index.js'
import { COORD_FORMATS, type CoordFormat, QWEN25_RESIZE } from '../../coords/index.js'

/** The model's coordinate space; optional, because `meta.coordSpace` may name it per item. */
export const coordSpaceParam = z
  .enum(COORD_SPACES)
  .optional()
  .describe(
    `coordinate space of the model's answer: ${COORD_SPACES.join(' | ')}. Wins over item.meta.coordSpace; with neither, ` +
      'the item is invalid (missing_input): spaces are never guessed from magnitudes',
  )

export const boxOrderParam = z
  .enum(BOX_ORDERS)
  .optional()
  .describe('order of the 4 numbers of a predicted box: xyxy | xywh | cxcywh (else item.meta.boxOrder, else xyxy)')

/** Output formats a reward may name: every parser format but `auto`, which guesses and is for evaluation only. */
export type RewardFormat = Exclude<CoordFormat, 'auto'>
export const REWARD_FORMATS: readonly RewardFormat[] = COORD_FORMATS.filter((f): f is RewardFormat => f !== 'auto')

export const formatParam = (fallback: RewardFormat) =>
  z
    .enum(REWARD_FORMATS)
    .default(fallback)
    .describe(
      `how the model writes coordinates: ${REWARD_FORMATS.join(' | ')} (see coords/parse.ts). Formats whose tokens ` +
        'fix a space (paligemma: loc1024-yx, florence2, molmo: pct100, gemini: norm1000-yx, qwen2-vl, internvl, ' +
        'glm: norm1000, aguvis: norm1) use it unless coordSpace or meta.coordSpace names another. "auto" is not ' +
        'offered: a training reward names its format',
    )

/** Qwen smart_resize params for `pixel-resized`. */
export const resizeParam = (defaults: { factor: number; minPixels: number; maxPixels: number } = QWEN25_RESIZE) =>
  z
    .object({
      factor: z.number().int().positive().default(defaults.factor).describe('patch factor: 28 Qwen2.5-VL, 32 Qwen3-VL'),
      minPixels: z.number().int().positive().default(defaults.minPixels).describe('smart_resize min_pixels'),
      maxPixels: z.number().int().positive().default(defaults.maxPixels).describe('smart_resize max_pixels'),
    })
    .refine((r) => r.minPixels <= r.maxPixels, 'minPixels must not exceed maxPixels')
    .prefault({})
    .describe(
      'smart_resize params for coordSpace "pixel-resized", used when images[0] has no inputWidth/inputHeight ' +
        `(default Qwen2.5-VL: factor ${defaults.factor}, min ${defaults.minPixels}, max ${defaults.maxPixels})`,
    )

export const ANSWER_SOURCES = ['tag', 'tag-or-whole', 'whole'] as const
export type AnswerSource = (typeof ANSWER_SOURCES)[number]

export const answerParam = (fallback: AnswerSource) =>
  z
    .enum(ANSWER_SOURCES)
    .default(fallback)
    .describe(
      'where the answer is: "tag" (the <answer> block; none → no_answer), "tag-or-whole" (the block, else the whole ' +
        'output) or "whole"',
    )
