import { describeValue, type RewardReason } from '../../../core/index.js'

/** A time span `[start, end]` in seconds. */
export type Span = readonly [start: number, end: number]

/**
 * Temporal IoU of two spans, `max(min(e) − max(s), 0) / (max(e) − min(s))`, in [0, 1]. A span with start ≥ end
 * (reversed or empty), a NaN and an infinite length all give 0, as TimeLens gives 0 for start ≥ end.
 * @see rewards.md §6b; TencentARC/TimeLens `training/train/reward_funcs.py`
 * @example temporalIou([12.5, 20], [10, 18]) //= 0.55
 */
export function temporalIou(a: Span, b: Span): number {
  const s1 = a[0]
  const e1 = a[1]
  const s2 = b[0]
  const e2 = b[1]
  // `<` is false for NaN, so NaN spans fail here
  if (!(s1 < e1 && s2 < e2)) return 0
  const inter = Math.min(e1, e2) - Math.max(s1, s2)
  if (!(inter > 0)) return 0
  const v = inter / (Math.max(e1, e2) - Math.min(s1, s2))
  // Infinity/Infinity is NaN; rounding never pushes past 1
  return v > 0 ? Math.min(v, 1) : 0
}

/** A proper span: finite numbers with start < end. */
export function isProperSpan(v: unknown): v is Span {
  if (!Array.isArray(v) || v.length !== 2) return false
  const [s, e] = v as unknown[]
  return typeof s === 'number' && typeof e === 'number' && Number.isFinite(s) && Number.isFinite(e) && s < e
}

const SPAN_SHAPE = 'a span [start, end] in seconds with start < end, or { span: [start, end] }'

/**
 * Reads a ground-truth span from `item.reference`: `[start, end]` or `{ span: [start, end] }`. Returns the span, or
 * the reason why the reference cannot be used.
 */
export function readReferenceSpan(reference: unknown): Span | RewardReason {
  if (reference === undefined || reference === null) return { code: 'missing_reference', expected: SPAN_SHAPE }
  if (isProperSpan(reference)) return reference
  if (typeof reference === 'object' && !Array.isArray(reference)) {
    const span = (reference as { span?: unknown }).span
    if (isProperSpan(span)) return span
  }
  return { code: 'invalid_reference', expected: SPAN_SHAPE, got: describeValue(reference) }
}

/** Renders a span for reasons: `[10, 18]`. */
export function showSpan(s: Span): string {
  return `[${s[0]}, ${s[1]}]`
}
