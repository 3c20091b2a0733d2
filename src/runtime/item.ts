/**
 * Checks that a decoded JSON value is a ScoreItem (interfaces.md §1). Hand-written rather than a zod schema
 * because it runs once per input line on the hot path (≈100k lines/s): it checks in place without copying,
 * reads `null` (Python's None) as an absent field, and names the first bad field in its message.
 */
import type { ScoreItem } from '../core/index.js'

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

const IMAGE_STRINGS = ['path', 'url', 'data', 'sha256'] as const
const IMAGE_NUMBERS = ['width', 'height', 'inputWidth', 'inputHeight'] as const

function imageProblem(v: unknown, i: number): string | undefined {
  if (!isObject(v)) return `images[${i}]: expected an object like {"path": "a.png", "width": 640}`
  for (const k of IMAGE_STRINGS) {
    const x = v[k]
    if (x !== undefined && x !== null && typeof x !== 'string') return `images[${i}].${k}: expected a string`
  }
  for (const k of IMAGE_NUMBERS) {
    const x = v[k]
    if (x !== undefined && x !== null && (typeof x !== 'number' || !Number.isFinite(x)))
      return `images[${i}].${k}: expected a number`
  }
  return undefined
}

/** `undefined` when `v` is a valid ScoreItem (after dropping its null fields), else what is wrong with it. */
function itemProblem(v: Record<string, unknown>): string | undefined {
  if (typeof v.response !== 'string')
    return v.response === undefined || v.response === null
      ? 'response: missing; expected the model output as a string'
      : `response: expected a string, got ${Array.isArray(v.response) ? 'an array' : typeof v.response}`
  for (const k of ['task', 'group'] as const) {
    const x = v[k]
    if (x !== undefined && typeof x !== 'string') return `${k}: expected a string`
  }
  if (v.step !== undefined && (typeof v.step !== 'number' || !Number.isFinite(v.step))) return 'step: expected a number'
  if (v.meta !== undefined && !isObject(v.meta)) return 'meta: expected an object'
  const p = v.prompt
  if (p !== undefined && typeof p !== 'string') {
    if (!Array.isArray(p)) return 'prompt: expected a string or a list of chat messages'
    for (let i = 0; i < p.length; i++) {
      const m = p[i]
      if (!isObject(m) || typeof m.role !== 'string') return `prompt[${i}]: expected {"role": ..., "content": ...}`
      if (typeof m.content !== 'string' && !Array.isArray(m.content))
        return `prompt[${i}].content: expected a string or a list of parts`
    }
  }
  const images = v.images
  if (images !== undefined) {
    if (!Array.isArray(images)) return 'images: expected a list of image references'
    for (let i = 0; i < images.length; i++) {
      const problem = imageProblem(images[i], i)
      if (problem) return problem
    }
  }
  return undefined
}

const OPTIONAL = ['id', 'task', 'prompt', 'reference', 'images', 'meta', 'group', 'step'] as const

/**
 * Turns a decoded value into a ScoreItem, or says why it is not one. Numeric `id` and `group` become strings
 * (Python writers often emit integers); `null` fields are dropped. The value is modified in place.
 */
export function toScoreItem(v: unknown): { item: ScoreItem } | { problem: string } {
  if (!isObject(v)) return { problem: `expected a JSON object with a string "response", got ${kindOf(v)}` }
  for (const k of OPTIONAL) if (v[k] === null) delete v[k]
  if (typeof v.id === 'number') v.id = String(v.id)
  else if (v.id !== undefined && typeof v.id !== 'string') return { problem: 'id: expected a string or a number' }
  if (typeof v.group === 'number') v.group = String(v.group)
  const problem = itemProblem(v)
  return problem === undefined ? { item: v as unknown as ScoreItem } : { problem }
}

function kindOf(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  return typeof v === 'string' ? 'a string' : `a ${typeof v}`
}
