/**
 * Box types that carry their coordinate order, and the conversions between them.
 *
 * Conventions (every function in this folder follows them):
 * - A box is *proper* when all four numbers are finite and `x1 < x2`, `y1 < y2` (positive area).
 * - A *degenerate* box (`x1 === x2` or `y1 === y2`) is finite with zero area; an *inverted* box has `x2 < x1` or
 *   `y2 < y1`; a *non-finite* box has a NaN or ±Infinity coordinate. None of them is ever swapped or repaired
 *   silently: areas are 0, IoUs are 0 and GIoUs are -1 (the worst value), so a reward can never gain from them.
 * - Negative coordinates are legal geometry (a box may hang off the image); clipping to the image is the caller's
 *   decision (`clipBox`).
 */

/** `[x1, y1, x2, y2]`: top-left and bottom-right corners. */
export type BoxXYXY = readonly [x1: number, y1: number, x2: number, y2: number]
/** `[x, y, w, h]`: top-left corner, width and height (COCO). */
export type BoxXYWH = readonly [x: number, y: number, w: number, h: number]
/** `[cx, cy, w, h]`: centre, width and height (DETR, YOLO). */
export type BoxCXCYWH = readonly [cx: number, cy: number, w: number, h: number]

/**
 * Converts a COCO `[x, y, w, h]` box to corners.
 * @example xywhToXyxy([10, 20, 30, 40]) //= [10, 20, 40, 60]
 */
export function xywhToXyxy(b: BoxXYWH): BoxXYXY {
  return [b[0], b[1], b[0] + b[2], b[1] + b[3]]
}

/**
 * Converts a centre-size box to corners.
 * @example cxcywhToXyxy([25, 40, 30, 40]) //= [10, 20, 40, 60]
 */
export function cxcywhToXyxy(b: BoxCXCYWH): BoxXYXY {
  const hw = b[2] / 2
  const hh = b[3] / 2
  return [b[0] - hw, b[1] - hh, b[0] + hw, b[1] + hh]
}

/**
 * Converts corners to COCO `[x, y, w, h]`.
 * @example xyxyToXywh([10, 20, 40, 60]) //= [10, 20, 30, 40]
 */
export function xyxyToXywh(b: BoxXYXY): BoxXYWH {
  return [b[0], b[1], b[2] - b[0], b[3] - b[1]]
}

/** True when all four coordinates are finite. */
export function isFiniteBox(b: readonly number[]): boolean {
  return (
    b.length === 4 && Number.isFinite(b[0]) && Number.isFinite(b[1]) && Number.isFinite(b[2]) && Number.isFinite(b[3])
  )
}

/**
 * True when the box is finite and has positive area (`x1 < x2`, `y1 < y2`).
 * @example isProperBox([0, 0, 1, 1]) //= true
 * @example isProperBox([5, 0, 1, 1]) //= false
 */
export function isProperBox(b: BoxXYXY): boolean {
  // `<` is false for NaN, so this also rejects NaN; infinities are checked explicitly
  return b[0] < b[2] && b[1] < b[3] && Number.isFinite(b[2] - b[0]) && Number.isFinite(b[3] - b[1])
}

/**
 * Area of a box; 0 for degenerate, inverted and non-finite boxes.
 * @example boxArea([10, 10, 50, 50]) //= 1600
 */
export function boxArea(b: BoxXYXY): number {
  const w = b[2] - b[0]
  const h = b[3] - b[1]
  // `w > 0` is false for NaN; an infinite side gives an infinite area, which is not an area
  const a = w > 0 && h > 0 ? w * h : 0
  return a < Number.POSITIVE_INFINITY ? a : 0
}

/**
 * Clips a box to the image `[0, width] × [0, height]`. A non-finite coordinate stays non-finite (NaN in, NaN out),
 * so the box stays improper rather than being moved onto the image edge.
 * @example clipBox([-10, 5, 120, 80], 100, 50) //= [0, 5, 100, 50]
 */
export function clipBox(b: BoxXYXY, width: number, height: number): BoxXYXY {
  return [clamp(b[0], width), clamp(b[1], height), clamp(b[2], width), clamp(b[3], height)]
}

function clamp(v: number, max: number): number {
  if (Number.isNaN(v)) return v
  return Math.min(max, Math.max(0, v))
}
