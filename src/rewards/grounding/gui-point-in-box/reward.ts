import { z } from 'zod'
import { defineReward, invalid } from '../../../core/index.js'
import { FORMAT_SPACE } from '../../coords/index.js'
import { isReason, itemMapping, referenceBox } from '../shared/item.js'
import { answerParam, coordSpaceParam, formatParam, resizeParam } from '../shared/params.js'
import { guiPointInBox } from './gui-point-in-box.js'

export const GuiPointInBoxParams = z.object({
  format: formatParam('plain'),
  answer: answerParam('tag-or-whole'),
  coordSpace: coordSpaceParam,
  resize: resizeParam(),
  boxes: z
    .enum(['center', 'reject'])
    .default('center')
    .describe('a box answer clicks its centre ("center", as ScreenSpot-Pro and UI-TARS) or is invalid ("reject")'),
  maxBoxFraction: z
    .number()
    .gt(0)
    .lte(1)
    .default(0.5)
    .describe('a box answer covering more than this fraction of the image scores 0 as a suspected hack'),
})
export type GuiPointInBoxParams = z.infer<typeof GuiPointInBoxParams>

export const guiPointInBoxReward = defineReward({
  id: 'gui-point-in-box',
  version: 1,
  summary: "1 when the answer's click lies in the reference element box (borders included), else 0",
  source: 'lmms-eval lmms_eval/tasks/screenspot_pro/utils.py; VLMEvalKit vlmeval/dataset/GUI/screenspot.py',
  params: GuiPointInBoxParams,
  needs: { reference: true, image: true },
  range: [0, 1],
  components: () => ['hit'],
  score: ({ response, reference, item, params }) => {
    const gt = referenceBox(reference)
    if (isReason(gt)) return invalid(gt, 0, { hit: 0 })
    const mapping = itemMapping(item, params, FORMAT_SPACE[params.format])
    if (isReason(mapping)) return invalid(mapping, 0, { hit: 0 })
    return guiPointInBox(response, gt, mapping, item.images?.[0], params)
  },
})
