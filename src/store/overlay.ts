/**
 * What the inspector draws over an image: predicted boxes and points parsed from a response and mapped to
 * original-image pixels with the same parsers and mappings the grounding rewards use (`rewards/coords`), with the
 * format, coordinate space and answer source taken from the run's spec, so the overlay shows what was scored.
 * Ground truth is read as the rewards read it: `[x1, y1, x2, y2]` boxes and `[x, y]` points in original pixels.
 */
import type { BoxOrder, CoordSpace, ImageRef } from '../core/index.js'
import {
  boxToPixels,
  type CoordFormat,
  coordMapping,
  detectFormat,
  FORMAT_SPACE,
  isMissing,
  parseShapes,
  pointToPixels,
  resolveCoordSpace,
  type SmartResizeOptions,
} from '../rewards/coords/index.js'
import { extractTag } from '../rewards/parsing/tags.js'
import type { RewardProvenance } from '../spec/index.js'
import type { OverlayShapes } from './types.js'

export interface OverlayConfig {
  format: CoordFormat
  coordSpace?: CoordSpace | undefined
  answer: 'tag' | 'tag-or-whole' | 'whole'
  boxOrder?: BoxOrder | undefined
  resize?: SmartResizeOptions | undefined
}

/** Without a spec: any format, the answer block when there is one, the space from `meta.coordSpace`. */
export const DEFAULT_OVERLAY: OverlayConfig = { format: 'auto', answer: 'tag-or-whole' }
/** responses longer than this are not parsed for the overlay */
const MAX_CHARS = 200_000
const MAX_SHAPES = 64

const str = (v: unknown): v is string => typeof v === 'string'

/** The overlay settings of the first reward in a spec whose params name a coordinate format (a grounding reward). */
export function overlayConfig(rewards: readonly RewardProvenance[]): OverlayConfig {
  for (const r of rewards) {
    const p = r.params as Record<string, unknown> | null
    if (!p || typeof p !== 'object' || !str(p.format)) continue
    return {
      format: p.format as CoordFormat,
      coordSpace: str(p.coordSpace) ? (p.coordSpace as CoordSpace) : undefined,
      answer: p.answer === 'tag' || p.answer === 'whole' ? p.answer : 'tag-or-whole',
      boxOrder: str(p.boxOrder) ? (p.boxOrder as BoxOrder) : undefined,
      resize: p.resize && typeof p.resize === 'object' ? (p.resize as SmartResizeOptions) : undefined,
    }
  }
  return DEFAULT_OVERLAY
}

/**
 * The boxes and points of a response in original-image pixels. Never throws: what cannot be drawn comes back
 * empty with a `note` saying why.
 * @example predictedShapes('<answer>[100, 200, 300, 400]</answer>', { width: 500, height: 1000 }, { coordSpace: 'norm1000' }).boxes //= [[50, 200, 150, 400]]
 */
export function predictedShapes(
  response: string,
  image: ImageRef | undefined,
  meta: Record<string, unknown> | undefined,
  config: OverlayConfig = DEFAULT_OVERLAY,
): OverlayShapes {
  if (response.length > MAX_CHARS) return { boxes: [], points: [], note: 'response too long to parse' }
  let text: string | undefined
  if (config.answer !== 'whole') text = extractTag(response, 'answer')
  if (text === undefined) {
    if (config.answer === 'tag') return { boxes: [], points: [], note: 'no <answer> block' }
    text = response
  }
  const format = config.format === 'auto' ? detectFormat(text) : config.format
  const shapes = parseShapes(text, format, { max: MAX_SHAPES })
  if (shapes.length === 0) return { boxes: [], points: [], note: 'no boxes or points in the answer' }
  const space = resolveCoordSpace(config.coordSpace, meta, FORMAT_SPACE[format] ?? (meta ? undefined : 'pixel'))
  if (typeof space !== 'string') return { boxes: [], points: [], note: 'unknown coordinate space (meta.coordSpace)' }
  const mapping = coordMapping(space, image, config.resize)
  if (isMissing(mapping)) return { boxes: [], points: [], note: `the image size is needed to map ${space}` }
  const order = config.boxOrder ?? (isOrder(meta?.boxOrder) ? meta.boxOrder : 'xyxy')
  const boxes: number[][] = []
  const points: number[][] = []
  for (const s of shapes) {
    if (s.kind === 'box') boxes.push([...boxToPixels(s.coords, mapping, order)])
    else points.push([...pointToPixels(s.coords, mapping)])
  }
  return { boxes, points }
}

const isOrder = (v: unknown): v is BoxOrder => v === 'xyxy' || v === 'xywh' || v === 'cxcywh'
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const isBox = (v: unknown): v is number[] => Array.isArray(v) && v.length === 4 && v.every(isNum)
const isPoint = (v: unknown): v is number[] => Array.isArray(v) && v.length === 2 && v.every(isNum)

/**
 * Ground-truth boxes and points from a reference in original pixels: a box, a point, a list of either, or an
 * object with `box`/`bbox`/`boxes`/`point`/`points`.
 * @example referenceShapes([[10, 20, 30, 40], [1, 2]]) //= { boxes: [[10, 20, 30, 40]], points: [[1, 2]] }
 */
export function referenceShapes(reference: unknown): OverlayShapes {
  const out: OverlayShapes = { boxes: [], points: [] }
  const visit = (v: unknown, depth: number): void => {
    if (depth > 3 || out.boxes.length + out.points.length >= MAX_SHAPES) return
    if (isBox(v)) out.boxes.push([...v])
    else if (isPoint(v)) out.points.push([...v])
    else if (Array.isArray(v)) for (const x of v) visit(x, depth + 1)
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>
      for (const k of ['box', 'bbox', 'boxes', 'bbox_2d', 'point', 'points', 'point_2d'])
        if (k in o) visit(o[k], depth + 1)
    }
  }
  visit(reference, 0)
  return out
}
