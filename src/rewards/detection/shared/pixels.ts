import type { BoxOrder, CoordSpace, RewardReason, ScoreItem } from '../../../core/index.js'
import type { CoordMapping, SmartResizeOptions } from '../../coords/index.js'
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

/** What `toPixelBoxes` maps with: the space's mapping and the box order. */
export interface PixelMapping {
  mapping: CoordMapping
  order: BoxOrder
}

/**
 * The one place the detection rewards decide how model boxes map to original-image pixels (the coords module's
 * `resolveCoordSpace` → `coordMapping`, then `boxToPixels` per box). Returns a `missing_input` reason when the space
 * is not named or the image lacks the size it needs.
 */
export function pixelMapping(item: ScoreItem, p: CoordSettings, fallback?: CoordSpace): PixelMapping | RewardReason {
  const space = resolveCoordSpace(p.coordSpace, item.meta, fallback)
  if (typeof space !== 'string') return space
  const mapping = coordMapping(space, item.images?.[0], resizeOptions(p.resize))
  if (isMissing(mapping)) return mapping
  return { mapping, order: resolveBoxOrder(p.boxOrder, item.meta) }
}

/**
 * Model boxes mapped to original-image pixels by `pixelMapping`. Improper boxes pass through unrepaired, for the
 * rewards to punish.
 */
export function toPixelBoxes(
  raws: readonly (readonly [number, number, number, number])[],
  item: ScoreItem,
  p: CoordSettings,
  fallback?: CoordSpace,
): BoxXYXY[] | RewardReason {
  const m = pixelMapping(item, p, fallback)
  if ('code' in m) return m
  return raws.map((r) => boxToPixels(r, m.mapping, m.order))
}
