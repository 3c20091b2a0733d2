/**
 * Items a request schema passes unchanged: the checks behind the server's fast path past zod for `POST /v1/score`
 * (server/schemas/score-fast.ts, whose tests hold them to the schema). They live here because the workers run them
 * too, on items the server hands over unparsed (ChunkInput `json-bytes`).
 */

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
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

/** An item `POST /v1/score`'s schema passes unchanged (see server/schemas/score-fast.ts). */
export function plainItem(v: unknown): boolean {
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
