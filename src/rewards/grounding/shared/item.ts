/**
 * What every grounding reward reads from an item before scoring: the answer text, the coordinate mapping of the
 * model's space to original pixels, and the reference boxes. Each returns a value or the `RewardReason` that says
 * why the item cannot be scored, so a reward's adapter stays a few lines long.
 */
import { type CoordSpace, describeValue, type RewardReason, type ScoreItem } from '../../../core/index.js'
import { type CoordMapping, coordMapping, resolveCoordSpace, type SmartResizeOptions } from '../../coords/index.js'
import type { BoxXYXY } from '../../geometry/index.js'
import { type ExtractTagOptions, extractTag } from '../../parsing/tags.js'
import type { AnswerSource } from './params.js'

/** Responses longer than this are not parsed (`too_large`): a bound on the work per item. */
export const MAX_RESPONSE_CHARS = 1 << 20

/** A reason, as opposed to a value: every reason has a `code`. */
export function isReason(v: unknown): v is RewardReason {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { code?: unknown }).code === 'string'
}

/**
 * The answer text: the first `<answer>` block (DOTALL, trimmed) and/or the whole output, per `source`. An empty
 * answer is a reason (`empty_answer`), never text that could match.
 */
export function answerText(response: string, source: AnswerSource, tag: ExtractTagOptions = {}): string | RewardReason {
  if (response.length > MAX_RESPONSE_CHARS) {
    return { code: 'too_large', limit: 'response length', size: response.length, max: MAX_RESPONSE_CHARS }
  }
  let text: string | undefined
  if (source !== 'whole') text = extractTag(response, 'answer', tag)
  if (text === undefined) {
    if (source === 'tag') return { code: 'no_answer', expected: '<answer>…</answer>' }
    text = response
  }
  text = text.trim()
  return text ? text : { code: 'empty_answer' }
}

export interface SpaceParams {
  coordSpace?: CoordSpace | undefined
  resize?: SmartResizeOptions | undefined
}

/**
 * The mapping from the model's space to the original pixels of `images[0]`: the space comes from the param, else
 * `meta.coordSpace`, else `fallback` (never guessed); the image must carry the sizes the space needs.
 */
export function itemMapping(item: ScoreItem, params: SpaceParams, fallback?: CoordSpace): CoordMapping | RewardReason {
  const space = resolveCoordSpace(params.coordSpace, item.meta, fallback)
  if (typeof space !== 'string') return space
  return coordMapping(space, item.images?.[0], params.resize)
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

function asBox(v: unknown, degenerate = false): BoxXYXY | undefined {
  if (!Array.isArray(v) || v.length !== 4 || !v.every(isNum)) return undefined
  const b = v as [number, number, number, number]
  if (degenerate) return b[0] <= b[2] && b[1] <= b[3] ? b : undefined
  return b[0] < b[2] && b[1] < b[3] ? b : undefined
}

const BOX = '[x1, y1, x2, y2] in original-image pixels, with x1 < x2 and y1 < y2'
const BOX_OR_EMPTY = '[x1, y1, x2, y2] in original-image pixels, with x1 ≤ x2 and y1 ≤ y2'

export interface ReferenceBoxOptions {
  /** also accept a box of zero width or height (the reward then decides what it scores); default false */
  degenerate?: boolean
}

/** The reference box: `[x1, y1, x2, y2]` (or a list holding exactly one) in original pixels, proper. */
export function referenceBox(
  reference: unknown,
  { degenerate = false }: ReferenceBoxOptions = {},
): BoxXYXY | RewardReason {
  const expected = degenerate ? BOX_OR_EMPTY : BOX
  if (reference === undefined || reference === null) return { code: 'missing_reference', expected }
  const one = (v: unknown) => asBox(v, degenerate)
  const box = one(reference) ?? (Array.isArray(reference) && reference.length === 1 ? one(reference[0]) : undefined)
  return box ?? { code: 'invalid_reference', expected, got: describeValue(reference) }
}

/** The reference boxes: one box or a non-empty list of boxes, each proper, in original pixels. */
export function referenceBoxes(reference: unknown): BoxXYXY[] | RewardReason {
  if (reference === undefined || reference === null) return { code: 'missing_reference', expected: `boxes ${BOX}` }
  const one = asBox(reference)
  if (one) return [one]
  if (Array.isArray(reference) && reference.length > 0) {
    const boxes = reference.map((v) => asBox(v))
    if (boxes.every((b) => b !== undefined)) return boxes as BoxXYXY[]
  }
  return { code: 'invalid_reference', expected: `a box or a list of boxes ${BOX}`, got: describeValue(reference) }
}

/** The reason for an answer that does not parse as `expected`; the text is cut to 200 characters. */
export function unparseable(expected: string, text: string): RewardReason {
  return { code: 'unparseable_answer', side: 'response', expected, text: clipText(text) }
}

/** Text cut to 200 characters for a reason. */
export function clipText(s: string): string {
  return s.length > 200 ? `${s.slice(0, 200)}…` : s
}

/** A short text of a box for reasons: `[10, 20.5, 30, 40]`. */
export function boxText(b: readonly number[]): string {
  return `[${b.map((v) => (Number.isInteger(v) ? String(v) : v.toFixed(1))).join(', ')}]`
}
