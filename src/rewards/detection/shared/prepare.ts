import { type CoordSpace, invalid, type RewardOutput, type ScoreItem } from '../../../core/index.js'
import { boxToPixels } from '../../coords/index.js'
import type { BoxXYXY } from '../../geometry/index.js'
import { extractTag } from '../../parsing/tags.js'
import { type ParsedPredictions, type PredObject, parsePredictions } from './answer.js'
import { type CoordSettings, pixelMapping } from './pixels.js'
import { type DetectionReference, isReason, readDetectionReference } from './reference.js'

/** A prediction in original-image pixels. */
export interface Prediction {
  box: BoxXYXY
  label: string
  confidence?: number
}

export interface PreparedDetection {
  ref: DetectionReference
  /** the `<answer>` body, trimmed */
  answer: string
  parsed: ParsedPredictions
  preds: Prediction[]
}

export interface PrepareOptions {
  /** which `<answer>` block: VLM-R1 takes the last, Visual-RFT the first */
  which: 'first' | 'last'
  /** DOTALL (Visual-RFT's detection path has none) */
  multiline?: boolean
  /** accept whitespace inside the tags (`< answer >`); faithful modes turn it off, as the references' regex. Default true. */
  lenientTags?: boolean
  /** without an `<answer>` block, read the whole output (Visual-RFT, Vision-R1) */
  wholeIfNoTag?: boolean
  /** fall back to the linear `bbox_2d` scanner when the list is not JSON (Vision-R1) */
  scan?: boolean
  /** the coordinate space the paper fixes, used when neither the param nor meta names one */
  fallbackSpace?: CoordSpace
}

/**
 * The steps every detection reward shares, each failure an invalid output with its reason: read the reference,
 * take the `<answer>` body, parse the object list, map the boxes to original-image pixels.
 */
export function prepareDetection(
  response: string,
  reference: unknown,
  item: ScoreItem,
  coords: CoordSettings,
  o: PrepareOptions,
): PreparedDetection | RewardOutput {
  const ref = readDetectionReference(reference)
  if (isReason(ref)) return invalid(ref)
  const tagged = extractTag(response, 'answer', {
    which: o.which,
    multiline: o.multiline ?? true,
    lenient: o.lenientTags ?? true,
  })
  const body = tagged ?? (o.wholeIfNoTag ? response : undefined)
  if (body === undefined)
    return invalid({ code: 'no_answer', expected: '<answer>[{"bbox_2d": [...], "label": ...}]</answer>' })
  const answer = body.trim()
  const parsed = parsePredictions(answer, { scan: o.scan ?? false })
  if ('code' in parsed) return invalid(parsed)
  const px = pixelMapping(item, coords, o.fallbackSpace)
  if ('code' in px) return invalid(px)
  // one pass from the parsed items to pixel predictions (no intermediate lists of raws and boxes)
  const items = parsed.items
  const preds: Prediction[] = new Array(items.length)
  for (let i = 0; i < items.length; i++) {
    const p = items[i] as PredObject
    const box = boxToPixels(p.raw, px.mapping, px.order)
    preds[i] = p.confidence === undefined ? { box, label: p.label } : { box, label: p.label, confidence: p.confidence }
  }
  return { ref, answer, parsed, preds }
}

/** True when `prepareDetection` returned an output (a failure) rather than the prepared data. */
export function isOutput(x: PreparedDetection | RewardOutput): x is RewardOutput {
  return (x as RewardOutput).valid !== undefined
}
