/**
 * Coordinate spaces (interfaces.md §1, protocols.md §E) and the linear maps that take model coordinates to
 * original-image pixels. A space is always named by the caller; nothing here guesses it from magnitudes except
 * `guessCoordSpace`, which is for lenient evaluation only.
 */
import {
  BOX_ORDERS,
  type BoxOrder,
  COORD_SPACES,
  type CoordSpace,
  type ImageRef,
  type RewardReason,
} from '../../core/index.js'
import type { BoxXYXY } from '../geometry/box.js'
import { type SmartResizeOptions, smartResize } from './smart-resize.js'

/** A point `[x, y]`. */
export type Point = readonly [x: number, y: number]

/** The reason a mapping could not be built: the item lacks the image size the space needs. */
export type MissingInput = Extract<RewardReason, { code: 'missing_input' }>

/**
 * A model coordinate `v` maps to pixels as `(v + offset) / unitsX · width` (and likewise for y), in that order of
 * operations, as the reference code writes `x / input_width * image_width`. `yFirst` spaces write y before x
 * (`[y1, x1, y2, x2]`, points `[y, x]`).
 */
export interface CoordMapping {
  space: CoordSpace
  /** model units across the image: 1000 for `norm1000`, the resized width for `pixel-resized` */
  unitsX: number
  unitsY: number
  /** the original image size in pixels */
  width: number
  height: number
  offset: number
  yFirst: boolean
}

/** Units per image side for the normalised spaces, and the dequantisation offset. */
const NORMALISED: Partial<Record<CoordSpace, { units: number; offset: number; yFirst: boolean }>> = {
  norm1000: { units: 1000, offset: 0, yFirst: false },
  norm1: { units: 1, offset: 0, yFirst: false },
  pct100: { units: 100, offset: 0, yFirst: false },
  'loc1024-yx': { units: 1024, offset: 0, yFirst: true },
  'loc1000-florence': { units: 1000, offset: 0.5, yFirst: false },
  'norm1000-yx': { units: 1000, offset: 0, yFirst: true },
}

/** The identity mapping of the `pixel` space (answers already in original-image pixels). */
export const PIXEL_MAPPING: CoordMapping = Object.freeze({
  space: 'pixel',
  unitsX: 1,
  unitsY: 1,
  width: 1,
  height: 1,
  offset: 0,
  yFirst: false,
})

const positive = (v: number | undefined): v is number => typeof v === 'number' && v > 0 && Number.isFinite(v)

/**
 * The map from `space` to the pixels of the original image `image` (`width`/`height`; `pixel-resized` also uses
 * `inputWidth`/`inputHeight` when given, else `smartResize(height, width, resize)`). Returns a `missing_input`
 * reason when the space needs a size the image lacks; `pixel` needs none.
 * - `norm1000` (Qwen2-VL, Qwen3-VL, InternVL, UI-TARS v1, GLM): `x/1000·W`
 * - `norm1` (Aguvis, lmms-eval RefCOCO): `x·W`; `pct100` (Molmo): `x/100·W`
 * - `loc1024-yx` (PaliGemma): y first, `v/1024·size`; `norm1000-yx` (Gemini): y first, `v/1000·size`
 * - `loc1000-florence` (Florence-2): `(q + 0.5)/1000·W`
 * - `pixel-resized` (Qwen2.5-VL, UI-TARS-1.5): `x/w̄·W` with `w̄` the resized width
 * @see protocols.md §E
 * @example coordMapping('norm1000', { width: 2000, height: 500 }) //= { space: 'norm1000', unitsX: 1000, unitsY: 1000, width: 2000, height: 500, offset: 0, yFirst: false }
 */
export function coordMapping(
  space: CoordSpace,
  image: ImageRef | undefined,
  resize: SmartResizeOptions = {},
): CoordMapping | MissingInput {
  if (space === 'pixel') return PIXEL_MAPPING
  const width = image?.width
  const height = image?.height
  if (space === 'pixel-resized') {
    if (!positive(width) || !positive(height)) return missingSize(space)
    let inW = image?.inputWidth
    let inH = image?.inputHeight
    if (!positive(inW) || !positive(inH)) {
      const resized = smartResize(height, width, resize)
      if (!resized) return missingSize(space, 'an aspect ratio of at most 200 (smart_resize rejects more)')
      inW = resized.width
      inH = resized.height
    }
    return { space, unitsX: inW, unitsY: inH, width, height, offset: 0, yFirst: false }
  }
  const n = NORMALISED[space]
  if (!n) return missingSize(space)
  if (!positive(width) || !positive(height)) return missingSize(space)
  return { space, unitsX: n.units, unitsY: n.units, width, height, offset: n.offset, yFirst: n.yFirst }
}

function missingSize(space: CoordSpace, why = 'positive width and height'): MissingInput {
  return { code: 'missing_input', field: 'images[0].width/height', expected: `${why} to map ${space} coordinates` }
}

/** True when `coordMapping` failed. */
export function isMissing(m: CoordMapping | MissingInput): m is MissingInput {
  return (m as MissingInput).code === 'missing_input'
}

/**
 * Maps a box as the model wrote it (its four numbers in text order) to `[x1, y1, x2, y2]` in original pixels: y-first
 * spaces are swapped to x-first, `order` (`xywh`, `cxcywh`) is converted to corners, then each corner is scaled.
 * Inverted, degenerate and non-finite boxes are kept as they are (never repaired), so rewards see them.
 * @example boxToPixels([250, 100, 750, 300], coordMapping('norm1000-yx', { width: 1000, height: 2000 }) as CoordMapping) //= [100, 500, 300, 1500]
 */
export function boxToPixels(
  raw: readonly [number, number, number, number],
  m: CoordMapping,
  order: BoxOrder = 'xyxy',
): BoxXYXY {
  let a = raw[0]
  let b = raw[1]
  let c = raw[2]
  let d = raw[3]
  if (m.yFirst) {
    a = raw[1]
    b = raw[0]
    c = raw[3]
    d = raw[2]
  }
  if (order === 'xywh') {
    c += a
    d += b
  } else if (order === 'cxcywh') {
    const hw = c / 2
    const hh = d / 2
    c = a + hw
    d = b + hh
    a -= hw
    b -= hh
  }
  const { offset: o, unitsX: ux, unitsY: uy, width: w, height: h } = m
  return [((a + o) / ux) * w, ((b + o) / uy) * h, ((c + o) / ux) * w, ((d + o) / uy) * h]
}

/**
 * Maps a point as the model wrote it to `[x, y]` in original pixels.
 * @example pointToPixels([61.5, 40], coordMapping('pct100', { width: 200, height: 100 }) as CoordMapping) //= [123, 40]
 */
export function pointToPixels(raw: readonly [number, number], m: CoordMapping): Point {
  const x = m.yFirst ? raw[1] : raw[0]
  const y = m.yFirst ? raw[0] : raw[1]
  return [((x + m.offset) / m.unitsX) * m.width, ((y + m.offset) / m.unitsY) * m.height]
}

/**
 * One-shot convenience: a model box in `space` to original pixels, or undefined when the image lacks a size the
 * space needs. In hot paths build the `coordMapping` once per item instead.
 * @example toPixels([100, 200, 300, 400], 'norm1000', { width: 500, height: 1000 }) //= [50, 200, 150, 400]
 */
export function toPixels(
  box: readonly [number, number, number, number],
  space: CoordSpace,
  image: ImageRef | undefined,
  options: { order?: BoxOrder; resize?: SmartResizeOptions } = {},
): BoxXYXY | undefined {
  const m = coordMapping(space, image, options.resize)
  return isMissing(m) ? undefined : boxToPixels(box, m, options.order)
}

const isCoordSpace = (v: unknown): v is CoordSpace => (COORD_SPACES as readonly unknown[]).includes(v)
const isBoxOrder = (v: unknown): v is BoxOrder => (BOX_ORDERS as readonly unknown[]).includes(v)

/**
 * The space a reward uses for one item: the reward's `coordSpace` param when set (the reviewed spec wins), else the
 * item's `meta.coordSpace`, else `fallback` (a space fixed by the reward's paper, or by the format's own tokens, such
 * as PaliGemma's `<locNNNN>`). Never guessed: with none of the three, a `missing_input` reason.
 * @example resolveCoordSpace(undefined, { coordSpace: 'norm1000' }) //= 'norm1000'
 */
export function resolveCoordSpace(
  param: CoordSpace | undefined,
  meta: Record<string, unknown> | undefined,
  fallback?: CoordSpace,
): CoordSpace | MissingInput {
  if (param) return param
  const fromMeta = meta?.coordSpace
  if (fromMeta !== undefined) {
    if (isCoordSpace(fromMeta)) return fromMeta
    return { code: 'missing_input', field: 'meta.coordSpace', expected: `one of ${COORD_SPACES.join(', ')}` }
  }
  if (fallback) return fallback
  return {
    code: 'missing_input',
    field: 'meta.coordSpace',
    expected: `the coordinate space (param coordSpace or meta.coordSpace: ${COORD_SPACES.join(', ')}); never guessed`,
  }
}

/** The box order for one item: the param when set, else a valid `meta.boxOrder`, else `xyxy`. */
export function resolveBoxOrder(param: BoxOrder | undefined, meta: Record<string, unknown> | undefined): BoxOrder {
  if (param) return param
  const fromMeta = meta?.boxOrder
  return isBoxOrder(fromMeta) ? fromMeta : 'xyxy'
}

/**
 * EVALUATION ONLY, never for training rewards: guesses the space from magnitudes as VLMEvalKit's `_to_absolute`
 * does (max ≤ 1.5 → `norm1`, ≤ 1000 → `norm1000`, else `pixel`). A policy can exploit any such guess by
 * answering in whichever scale scores best, which is why no reward calls it.
 * @see VLMEvalKit `vlmeval/dataset/refcoco.py`
 * @example guessCoordSpace([0.1, 0.2, 0.5, 0.9]) //= 'norm1'
 */
export function guessCoordSpace(values: readonly number[]): 'norm1' | 'norm1000' | 'pixel' {
  let max = Number.NEGATIVE_INFINITY
  for (const v of values) if (v > max) max = v
  return max <= 1.5 ? 'norm1' : max <= 1000 ? 'norm1000' : 'pixel'
}
