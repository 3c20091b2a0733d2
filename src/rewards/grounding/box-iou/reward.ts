import { z } from 'zod'
import { defineReward, invalid } from '../../../core/index.js'
import { FORMAT_SPACE, resolveBoxOrder } from '../../coords/index.js'
import { modeParam } from '../../shared/params.js'
import { isReason, itemMapping, referenceBox } from '../shared/item.js'
import { answerParam, boxOrderParam, coordSpaceParam, formatParam, resizeParam } from '../shared/params.js'
import { boxIou } from './box-iou.js'

export const BoxIouParams = z.object({
  mode: modeParam,
  format: formatParam('plain'),
  answer: answerParam('tag'),
  coordSpace: coordSpaceParam,
  boxOrder: boxOrderParam,
  resize: resizeParam(),
  threshold: z
    .number()
    .gt(0)
    .lte(1)
    .optional()
    .describe('when set, the score is 1 if the IoU reaches this threshold (ACC@t), else 0; the IoU stays a component'),
})
export type BoxIouParams = z.infer<typeof BoxIouParams>

export const boxIouReward = defineReward({
  id: 'box-iou',
  version: 1,
  summary: "IoU of the answer's first box with the reference box, in original-image pixels (REC grounding)",
  source: 'om-ai-lab/VLM-R1 src/open-r1-multimodal/src/open_r1/grpo_jsonl.py (iou_reward); rewards.md §2a',
  params: BoxIouParams,
  needs: { reference: true, image: true },
  range: [0, 1],
  components: () => ['iou'],
  score: ({ response, reference, item, params }) => {
    const gt = referenceBox(reference)
    if (isReason(gt)) return invalid(gt, 0, { iou: 0 })
    const mapping = itemMapping(item, params, FORMAT_SPACE[params.format])
    if (isReason(mapping)) return invalid(mapping, 0, { iou: 0 })
    // the params object is passed as is unless item meta names the box order (hot path: no copy per item)
    if (params.boxOrder !== undefined || item.meta?.boxOrder === undefined) return boxIou(response, gt, mapping, params)
    return boxIou(response, gt, mapping, { ...params, boxOrder: resolveBoxOrder(undefined, item.meta) })
  },
})
