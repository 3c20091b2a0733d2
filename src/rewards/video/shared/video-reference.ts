import { z } from 'zod'
import { describeValue, type RewardReason } from '../../../core/index.js'
import type { BoxXYXY } from '../../geometry/box.js'
import type { Span } from './span.js'

/** One ground-truth object at a keyframe; the name is normalised (see `normaliseName`). */
export interface KeyframeObject {
  name: string
  box: BoxXYXY
}

/** A ground-truth keyframe: a time in seconds and the objects boxed there. */
export interface Keyframe {
  t: number
  objects: readonly KeyframeObject[]
}

/** A video grounding reference, normalised: keyframes sorted by time. */
export interface VideoReference {
  span?: Span
  duration?: number
  keyframes: readonly Keyframe[]
  /** the normalised `name`: the target object of single-target rewards */
  target?: string
  /** `keyframes[k].t`, for binary search */
  times: Float64Array
}

/** Lowercased, trimmed, inner whitespace collapsed: "Red  Car " and "red car" are one object. */
export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ')
}

const finite = z.number().refine(Number.isFinite, 'a finite number')
const Box = z
  .tuple([finite, finite, finite, finite])
  .refine((b) => b[0] < b[2] && b[1] < b[3], 'a box [x1, y1, x2, y2] with x1 < x2 and y1 < y2')
const SpanSchema = z.tuple([finite, finite]).refine((s) => s[0] < s[1], 'a span [start, end] with start < end')

/**
 * The reference shape shared by the spatio-temporal and Motion-o rewards: times in seconds, boxes
 * `[x1, y1, x2, y2]` in original-image pixels. Either `keyframes` (several named objects per frame) or the
 * single-target shorthand `boxes` (`{"12.5": [x1, y1, x2, y2]}`, the object called `name`).
 */
export const VideoReferenceSchema = z
  .object({
    span: SpanSchema.optional().describe('the ground-truth [start, end] in seconds'),
    duration: z.number().positive().optional().describe('the video length in seconds'),
    keyframes: z
      .array(
        z.object({
          t: finite.describe('time in seconds'),
          objects: z.array(z.object({ name: z.string(), box: Box })),
        }),
      )
      .max(100_000)
      .optional(),
    name: z.string().optional().describe('the target object (of the `boxes` shorthand, or among keyframe objects)'),
    boxes: z.record(z.string(), Box).optional().describe('single-target shorthand: {"<t>": [x1, y1, x2, y2]}'),
  })
  .refine((r) => r.keyframes !== undefined || r.boxes !== undefined || r.span !== undefined, {
    message: 'one of span, keyframes or boxes',
  })

export const VIDEO_REFERENCE_SHAPE =
  '{ span?: [start, end], keyframes?: [{ t, objects: [{ name, box: [x1, y1, x2, y2] }] }], boxes?: {"<t>": box}, name? }'

function normalise(raw: z.infer<typeof VideoReferenceSchema>): VideoReference | RewardReason {
  const frames: Keyframe[] = (raw.keyframes ?? []).map((k) => ({
    t: k.t,
    objects: k.objects.map((o) => ({ name: normaliseName(o.name), box: o.box })),
  }))
  const name = normaliseName(raw.name ?? '')
  for (const [key, box] of Object.entries(raw.boxes ?? {})) {
    const t = Number(key)
    if (key.trim() === '' || !Number.isFinite(t))
      return {
        code: 'invalid_reference',
        expected: 'boxes keyed by times in seconds',
        got: `the key ${JSON.stringify(key)}`,
      }
    frames.push({ t, objects: [{ name, box }] })
  }
  frames.sort((a, b) => a.t - b.t)
  const out: VideoReference = { keyframes: frames, times: Float64Array.from(frames, (f) => f.t) }
  if (raw.span) out.span = raw.span
  if (raw.duration !== undefined) out.duration = raw.duration
  if (name !== '') out.target = name
  return out
}

const cache = new WeakMap<object, VideoReference | RewardReason>()

/** Validates and normalises `item.reference` once per reference object (GRPO groups share one). */
export function readVideoReference(reference: unknown): VideoReference | RewardReason {
  if (reference === undefined || reference === null)
    return { code: 'missing_reference', expected: VIDEO_REFERENCE_SHAPE }
  if (typeof reference !== 'object' || Array.isArray(reference))
    return { code: 'invalid_reference', expected: VIDEO_REFERENCE_SHAPE, got: describeValue(reference) }
  const hit = cache.get(reference)
  if (hit) return hit
  const parsed = VideoReferenceSchema.safeParse(reference)
  const out: VideoReference | RewardReason = parsed.success
    ? normalise(parsed.data)
    : {
        code: 'invalid_reference',
        expected: VIDEO_REFERENCE_SHAPE,
        got: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
      }
  cache.set(reference, out)
  return out
}

/**
 * Index of the keyframe nearest to `t` (ties go to the earlier one), or -1 when there are none or the nearest is
 * farther than `window` seconds.
 */
export function nearestKeyframe(times: Float64Array, t: number, window = Number.POSITIVE_INFINITY): number {
  let lo = 0
  let hi = times.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((times[mid] as number) < t) lo = mid + 1
    else hi = mid
  }
  // times[lo - 1] < t ≤ times[lo]
  let best = -1
  let gap = Number.POSITIVE_INFINITY
  if (lo > 0) {
    best = lo - 1
    gap = t - (times[lo - 1] as number)
  }
  if (lo < times.length && (times[lo] as number) - t < gap) {
    best = lo
    gap = (times[lo] as number) - t
  }
  return gap <= window ? best : -1
}

/** Training progress in [0, 1]: `item.meta.progress`, else `item.step / totalSteps`; undefined when neither is known. */
export function readProgress(meta: Record<string, unknown> | undefined, step: number | undefined, totalSteps?: number) {
  const p = meta?.progress
  if (typeof p === 'number' && Number.isFinite(p)) return Math.min(Math.max(p, 0), 1)
  if (step !== undefined && Number.isFinite(step) && totalSteps !== undefined && totalSteps > 0)
    return Math.min(Math.max(step / totalSteps, 0), 1)
  return undefined
}
