import { z } from 'zod'
import { defineReward, invalid } from '../../../core/index.js'
import { FORMAT_SPACE } from '../../coords/index.js'
import { modeParam } from '../../shared/params.js'
import { isReason, itemMapping, referenceBox } from '../shared/item.js'
import { answerParam, coordSpaceParam, formatParam, resizeParam } from '../shared/params.js'
import { guiGaussian } from './gui-gaussian.js'

const weight = (what: string) =>
  z.number().min(0).max(1).default(1).describe(`weight of ${what}, in [0, 1] (default 1)`)

export const GuiGaussianParams = z.object({
  mode: modeParam,
  format: formatParam('plain'),
  answer: answerParam('tag-or-whole'),
  coordSpace: coordSpaceParam,
  resize: resizeParam(),
  alpha: z.number().gt(0).default(0.5).describe('σ = alpha · box size (GUI-G²: 0.5)'),
  weights: z
    .object({ point: weight('R_point (ν)'), coverage: weight('R_cov (γ)'), format: weight('the format reward') })
    .prefault({})
    .describe('weights of the three parts; the score is their weighted sum'),
})
export type GuiGaussianParams = z.infer<typeof GuiGaussianParams>

export const guiGaussianReward = defineReward({
  id: 'gui-gaussian',
  version: 2,
  summary: 'GUI-G² Gaussian point and coverage rewards of the predicted element box, plus its format reward',
  source: 'ZJU-REAL/GUI-G2 src/gui_g2/src/open_r1/gaussian_grpo.py; rewards.md §4',
  params: GuiGaussianParams,
  needs: { reference: true, image: true },
  range: [0, 3],
  components: () => ['point', 'coverage', 'format'],
  score: ({ response, reference, item, params }) => {
    const zero = { point: 0, coverage: 0, format: 0 }
    // a zero-size box is GUI-G²'s division error: point and coverage 0, the format reward still paid (guiGaussian)
    const gt = referenceBox(reference, { degenerate: true })
    if (isReason(gt)) return invalid(gt, 0, zero)
    const mapping = itemMapping(item, params, FORMAT_SPACE[params.format])
    if (isReason(mapping)) return invalid(mapping, 0, zero)
    return guiGaussian(response, gt, mapping, params)
  },
})
