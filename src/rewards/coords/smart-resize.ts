/**
 * Qwen2-VL / Qwen2.5-VL / Qwen3-VL `smart_resize`: the size the vision encoder actually sees, a multiple of the
 * patch factor with a bounded pixel count. Model answers in `pixel-resized` space are measured on this size.
 */

export interface SmartResizeOptions {
  /** patch factor: 28 for Qwen2-VL / Qwen2.5-VL (14 px patches merged 2×2), 32 for Qwen3-VL */
  factor?: number | undefined
  /** default `4·28² = 3136`, as `qwen_vl_utils` */
  minPixels?: number | undefined
  /** default `16384·28² = 12845056`, as `qwen_vl_utils` (the HF processor's own default is `1003520`) */
  maxPixels?: number | undefined
}

/** A size in pixels. */
export interface Size {
  width: number
  height: number
}

/** Aspect ratios above this are rejected by `qwen_vl_utils` (it raises). */
export const SMART_RESIZE_MAX_RATIO = 200

export const QWEN25_RESIZE = Object.freeze({ factor: 28, minPixels: 4 * 28 * 28, maxPixels: 16384 * 28 * 28 })
export const QWEN3_RESIZE = Object.freeze({ factor: 32, minPixels: 4 * 32 * 32, maxPixels: 16384 * 32 * 32 })

/**
 * Python's `round` on floats: halves go to the even neighbour (banker's rounding). JS `Math.round` rounds halves up,
 * which is the bug of UI-TARS-desktop #1730.
 * @example roundHalfEven(36.5) //= 36
 * @example roundHalfEven(37.5) //= 38
 */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x)
  const d = x - f
  if (d > 0.5) return f + 1
  if (d < 0.5) return f
  return f % 2 === 0 ? f : f + 1
}

/**
 * The resized input size, exactly as `qwen_vl_utils.smart_resize(height, width, factor, min_pixels, max_pixels)`:
 * round each side to the factor (half-even), then scale down (floor) above `maxPixels` or up (ceil) below
 * `minPixels`, keeping the aspect ratio. Undefined where Python raises (aspect ratio above 200) or a size is not a
 * positive finite number. The floor branch keeps `max(factor, …)` as recent `qwen_vl_utils` does.
 * @see rewards.md P4; protocols.md §E; QwenLM/Qwen2.5-VL `qwen-vl-utils/src/qwen_vl_utils/vision_process.py`
 * @example smartResize(1022, 1522) //= { height: 1008, width: 1512 }
 */
export function smartResize(height: number, width: number, options: SmartResizeOptions = {}): Size | undefined {
  const { factor = 28, minPixels = QWEN25_RESIZE.minPixels, maxPixels = QWEN25_RESIZE.maxPixels } = options
  if (!(height > 0 && width > 0 && height < Number.POSITIVE_INFINITY && width < Number.POSITIVE_INFINITY)) {
    return undefined
  }
  if (Math.max(height, width) / Math.min(height, width) > SMART_RESIZE_MAX_RATIO) return undefined
  let h = Math.max(factor, roundHalfEven(height / factor) * factor)
  let w = Math.max(factor, roundHalfEven(width / factor) * factor)
  if (h * w > maxPixels) {
    const beta = Math.sqrt((height * width) / maxPixels)
    h = Math.max(factor, Math.floor(height / beta / factor) * factor)
    w = Math.max(factor, Math.floor(width / beta / factor) * factor)
  } else if (h * w < minPixels) {
    const beta = Math.sqrt(minPixels / (height * width))
    h = Math.ceil((height * beta) / factor) * factor
    w = Math.ceil((width * beta) / factor) * factor
  }
  return { height: h, width: w }
}
