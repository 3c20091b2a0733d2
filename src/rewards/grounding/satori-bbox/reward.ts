import { z } from 'zod'
import { defineReward, invalid } from '../../../core/index.js'
import { modeParam } from '../../shared/params.js'
import { isReason, itemMapping, referenceBoxes } from '../shared/item.js'
import { coordSpaceParam, resizeParam } from '../shared/params.js'
import { satoriBbox } from './satori-bbox.js'

/** SATORI-R1's smart_resize bounds (`qwen2.5_grpo.sh`). */
const SATORI_RESIZE = { factor: 28, minPixels: 200704, maxPixels: 401408 }

export const SatoriBboxParams = z.object({
  mode: modeParam,
  coordSpace: coordSpaceParam.describe(
    'coordinate space of the <bbox> boxes (default: item.meta.coordSpace, else "pixel-resized" as SATORI-R1 trains)',
  ),
  resize: resizeParam(SATORI_RESIZE),
})
export type SatoriBboxParams = z.infer<typeof SatoriBboxParams>

export const satoriBboxReward = defineReward({
  id: 'satori-bbox',
  version: 1,
  summary: 'IoU of the union of the <bbox> boxes with the union of the reference boxes (SATORI-R1)',
  source: 'justairr/SATORI-R1 plugin.py, qwen2.5_grpo.sh; rewards.md §5a',
  params: SatoriBboxParams,
  needs: { reference: true, image: true },
  range: [0, 1],
  components: () => ['iou'],
  score: ({ response, reference, item, params }) => {
    const gt = referenceBoxes(reference)
    if (isReason(gt)) return invalid(gt, 0, { iou: 0 })
    // SATORI-R1's own space is fixed by its training recipe, so it is the fallback (after the param and meta)
    const mapping = itemMapping(item, params, 'pixel-resized')
    if (isReason(mapping)) return invalid(mapping, 0, { iou: 0 })
    return satoriBbox(response, gt, mapping, params.mode)
  },
})
