import { describeValue, type RewardReason } from '../../../core/index.js'
import type { BoxXYXY } from '../../geometry/index.js'

/** One ground-truth object: a box in original-image pixels and its label (may be empty for class-agnostic data). */
export interface GtObject {
  box: BoxXYXY
  label: string
}

/** The ground truth of a detection item; `none` when the reference is the string "None" (VLM-R1). */
export interface DetectionReference {
  objects: GtObject[]
  none: boolean
}

const EXPECTED = 'a list of {box: [x1, y1, x2, y2], label} in original-image pixels (or {objects: [...]})'
const MAX_OBJECTS = 10_000

/**
 * Reads `item.reference` for the detection rewards: `[{box, label}]` (also `bbox_2d` for `box`, and
 * `{objects: [...]}` around the list); "None" or `[]` means no object. Returns an `invalid_reference` reason when
 * the shape is wrong or a box is not four finite numbers with `x1 ≤ x2`, `y1 ≤ y2`.
 */
export function readDetectionReference(reference: unknown): DetectionReference | RewardReason {
  if (reference === undefined || reference === null) return { code: 'missing_reference', expected: EXPECTED }
  if (typeof reference === 'string' && reference.trim() === 'None') return { objects: [], none: true }
  const list = Array.isArray(reference)
    ? reference
    : typeof reference === 'object' && Array.isArray((reference as { objects?: unknown }).objects)
      ? (reference as { objects: unknown[] }).objects
      : undefined
  if (!list || list.length > MAX_OBJECTS)
    return { code: 'invalid_reference', expected: EXPECTED, got: describeValue(reference) }
  const objects: GtObject[] = []
  for (const o of list) {
    if (typeof o !== 'object' || o === null)
      return { code: 'invalid_reference', expected: EXPECTED, got: describeValue(o) }
    const rec = o as Record<string, unknown>
    const box = rec.box ?? rec.bbox_2d
    const label = rec.label ?? ''
    if (!isBox(box) || (typeof label !== 'string' && typeof label !== 'number'))
      return { code: 'invalid_reference', expected: EXPECTED, got: describeValue(o) }
    objects.push({ box: [box[0], box[1], box[2], box[3]], label: String(label) })
  }
  return { objects, none: false }
}

function isBox(v: unknown): v is [number, number, number, number] {
  if (!Array.isArray(v) || v.length !== 4) return false
  for (const x of v) if (typeof x !== 'number' || !Number.isFinite(x)) return false
  return (v[0] as number) <= (v[2] as number) && (v[1] as number) <= (v[3] as number)
}

/** True when `r` is a reason rather than a reference. */
export function isReason(r: DetectionReference | RewardReason): r is RewardReason {
  return (r as RewardReason).code !== undefined
}
