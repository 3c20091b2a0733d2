import { z } from 'zod'
import { BOX_ORDERS, COORD_SPACES } from '../../../core/index.js'

/** The params every detection reward shares: where the model's numbers live (interfaces.md §1). */
export const coordParams = {
  coordSpace: z
    .enum(COORD_SPACES)
    .optional()
    .describe("the space of the model's box numbers; else item.meta.coordSpace; never guessed"),
  boxOrder: z
    .enum(BOX_ORDERS)
    .optional()
    .describe("the order of the model's box numbers; else item.meta.boxOrder, else xyxy"),
  resize: z
    .object({
      factor: z.int().min(1).optional().describe('patch factor: 28 for Qwen2.5-VL'),
      minPixels: z.int().min(1).optional().describe('smart_resize min_pixels'),
      maxPixels: z.int().min(1).optional().describe('smart_resize max_pixels'),
    })
    .default({})
    .describe('smart_resize settings for coordSpace "pixel-resized" when images[0] has no inputWidth/inputHeight'),
}
