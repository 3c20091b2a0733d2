import type { BoxOrder, CoordSpace, RewardReason, ScoreItem } from '../../../core/index.js'
import type { SmartResizeOptions } from '../../coords/index.js'
import { boxToPixels, coordMapping, isMissing, resolveBoxOrder, resolveCoordSpace } from '../../coords/index.js'
import type { BoxXYXY } from '../../geometry/index.js'

export interface CoordSettings {
  coordSpace?: CoordSpace | undefined
  boxOrder?: BoxOrder | undefined
  resize: { factor?: number | undefined; minPixels?: number | undefined; maxPixels?: number | undefined }
}

function resizeOptions(r: CoordSettings['resize']): SmartResizeOptions {
  const out: SmartResizeOptions = {}
  if (r.factor !== undefined) out.factor = r.factor
  if (r.minPixels !== undefined) out.minPixels = r.minPixels
  if (r.maxPixels !== undefined) out.maxPixels = r.maxPixels
  return out
}

/**
 * The one place the detection rewards map model boxes to original-image pixels (the coords module's
 * `resolveCoordSpace` → `coordMapping` → `boxToPixels`). Returns a `missing_input` reason when the space is not
 * named or the image lacks the size it needs. Improper boxes pass through unrepaired, for the rewards to punish.
 */
export function toPixelBoxes(
  raws: readonly (readonly [number, number, number, number])[],
  item: ScoreItem,
  p: CoordSettings,
  fallback?: CoordSpace,
): BoxXYXY[] | RewardReason {
  const space = resolveCoordSpace(p.coordSpace, item.meta, fallback)
  if (typeof space !== 'string') return space
  const mapping = coordMapping(space, item.images?.[0], resizeOptions(p.resize))
  if (isMissing(mapping)) return mapping
  const order = resolveBoxOrder(p.boxOrder, item.meta)
  return raws.map((r) => boxToPixels(r, mapping, order))
}
