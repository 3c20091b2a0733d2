/**
 * A fast path past zod for `POST /v1/score` bodies: `plainScoreRequest` returns the request when
 * `ScoreRequestSchema` would accept it and give back an equal value, and `undefined` otherwise, in which case the
 * caller runs the schema (which then decides, and words the errors). zod costs ≈4 ms on a 1,024-item batch (it
 * copies every item and checks every field through its generic machinery); these checks cost ≈0.3 ms. Anything
 * zod would change (an unknown key it strips) or might refuse takes the slow path, so the two cannot disagree;
 * score-fast.test.ts checks that against the schema on generated bodies.
 */
import type { z } from 'zod'
import type { ScoreRequestSchema } from './score.js'

type ScoreRequest = z.output<typeof ScoreRequestSchema>

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const optString = (v: unknown) => v === undefined || typeof v === 'string'

const ITEM_KEYS = new Set(['id', 'task', 'prompt', 'response', 'reference', 'images', 'meta', 'group', 'step'])
const IMAGE_STRINGS = ['path', 'url', 'data', 'sha256'] as const
const IMAGE_SIZES = ['width', 'height', 'inputWidth', 'inputHeight'] as const
const IMAGE_KEYS = new Set<string>([...IMAGE_STRINGS, ...IMAGE_SIZES])

function plainImage(v: unknown): boolean {
  if (!isObject(v)) return false
  for (const k in v) if (!IMAGE_KEYS.has(k)) return false
  for (const k of IMAGE_STRINGS) if (!optString(v[k])) return false
  for (const k of IMAGE_SIZES) {
    const x = v[k]
    if (x !== undefined && !(typeof x === 'number' && Number.isFinite(x) && x > 0)) return false
  }
  return true
}

function plainMessage(m: unknown): boolean {
  if (!isObject(m) || typeof m.role !== 'string') return false
  for (const k in m) if (k !== 'role' && k !== 'content') return false
  const c = m.content
  if (typeof c === 'string') return true
  if (!Array.isArray(c)) return false
  for (const part of c) if (!isObject(part) || typeof part.type !== 'string') return false
  return true
}

function plainItem(v: unknown): boolean {
  if (!isObject(v) || typeof v.response !== 'string') return false
  for (const k in v) if (!ITEM_KEYS.has(k)) return false
  const id = v.id
  if (id !== undefined && typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) return false
  if (!optString(v.task) || !optString(v.group)) return false
  if (v.step !== undefined && !Number.isSafeInteger(v.step)) return false
  if (v.meta !== undefined && !isObject(v.meta)) return false
  const p = v.prompt
  if (p !== undefined && typeof p !== 'string') {
    if (!Array.isArray(p)) return false
    for (const m of p) if (!plainMessage(m)) return false
  }
  const images = v.images
  if (images !== undefined) {
    if (!Array.isArray(images) || images.length > 256) return false
    for (const img of images) if (!plainImage(img)) return false
  }
  return true
}

/** The request when the schema would accept it unchanged (see the module comment); else undefined. */
export function plainScoreRequest(body: unknown): ScoreRequest | undefined {
  if (!isObject(body) || !Array.isArray(body.items)) return undefined
  const run = body.run
  if (run !== undefined && run !== false && !(typeof run === 'string' && run.length <= 200)) return undefined
  const items = body.items as unknown[]
  for (let i = 0; i < items.length; i++) if (!plainItem(items[i])) return undefined
  const out: Record<string, unknown> = { items }
  if ('spec' in body) out.spec = body.spec
  if (run !== undefined) out.run = run
  return out as ScoreRequest
}
