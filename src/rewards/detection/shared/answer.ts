import type { RewardReason } from '../../../core/index.js'
import { parseBoxes } from '../../coords/index.js'
import { scanQwenList } from './qwen-list.js'

/** One predicted object as the model wrote it (raw numbers, model coordinate space). */
export interface PredObject {
  raw: readonly [number, number, number, number]
  label: string
  /** `Confidence` / `confidence` / `score`, when given */
  confidence?: number
}

export interface ParsedPredictions {
  /** the well-formed objects, in answer order */
  items: PredObject[]
  /** every element of the list, well-formed or not (VLM-R1's length factor counts them all) */
  total: number
  /** how the list was read */
  via: 'json' | 'scan' | 'none'
  /**
   * set when the text is a JSON list whose elements are all objects with no keys but `bbox_2d` (four numbers) and
   * `label` (a string): read by `scanQwenList` without `JSON.parse`
   */
  uniform?: true
}

/** Longest answer read; a longer one scores `too_large` rather than being parsed. */
export const MAX_ANSWER_CHARS = 200_000

const BOX_KEYS = ['bbox_2d', 'Position', 'bbox', 'box'] as const
const CONF_KEYS = ['Confidence', 'confidence', 'score'] as const

/**
 * The content of the last fenced block (```json … ``` or ``` … ```), else the text itself, trimmed. VLM-R1 takes the
 * last ```` ```json(.*?)``` ```` of the answer; a fence left open takes the rest of the text.
 */
export function stripFence(text: string): string {
  const open = text.lastIndexOf('```')
  if (open < 0) return text.trim()
  // the last ``` closes a block: find its opener. Usually the text has two fences and the opener is the first one;
  // forward indexOf finds it ~5× faster than lastIndexOf, which scans the block backwards one char at a time
  const first = text.indexOf('```')
  // (at open = 0 there is no opener: lastIndexOf clamps a negative start to 0 and would find the fence itself)
  const prev =
    first < open && text.indexOf('```', first + 1) === open ? first : open > 0 ? text.lastIndexOf('```', open - 1) : -1
  let start: number
  let end: number
  if (prev >= 0) {
    start = prev + 3
    end = open
  } else {
    start = open + 3
    end = text.length
  }
  let body = text.slice(start, end)
  if (body.startsWith('json')) body = body.slice(4)
  return body.trim()
}

/**
 * Reads the Qwen2.5-VL detection list `[{"bbox_2d": [x1, y1, x2, y2], "label": "cat"}, …]` (fenced or not; keys
 * `Position`/`bbox`/`box` and `Confidence`/`score` also read) with `JSON.parse`. When the text is not JSON and
 * `scan` is set, falls back to the coords module's linear scanner for `bbox_2d` objects (Vision-R1's regex
 * fallback); otherwise the answer has no objects (VLM-R1: "unparseable prediction JSON = empty list").
 * Returns a `too_large` reason past `MAX_ANSWER_CHARS`.
 */
export function parsePredictions(answer: string, { scan = false } = {}): ParsedPredictions | RewardReason {
  if (answer.length > MAX_ANSWER_CHARS)
    return { code: 'too_large', limit: 'answer length', size: answer.length, max: MAX_ANSWER_CHARS }
  const body = stripFence(answer)
  const read = scanQwenList(body) ?? readJsonList(body)
  if (read) return read
  if (!scan) return { items: [], total: 0, via: 'none' }
  const boxes = parseBoxes(body, 'qwen-json')
  const items = boxes.map((b) => ({ raw: b.coords, label: b.label ?? '' }))
  return { items, total: items.length, via: items.length ? 'scan' : 'none' }
}

/**
 * The detection list of `body` by `JSON.parse` (a single object counts as a list of one); undefined when `body` is
 * not JSON or is a JSON scalar. `scanQwenList` gives the same result without `JSON.parse` on the usual shape.
 */
export function readJsonList(body: string): ParsedPredictions | undefined {
  let data: unknown
  try {
    data = JSON.parse(body)
  } catch {
    return undefined
  }
  const list = Array.isArray(data) ? data : typeof data === 'object' && data !== null ? [data] : undefined
  if (!list) return undefined
  const items: PredObject[] = []
  for (const el of list) {
    const it = readObject(el)
    if (it) items.push(it)
  }
  return { items, total: list.length, via: 'json' }
}

function readObject(el: unknown): PredObject | undefined {
  if (typeof el !== 'object' || el === null || Array.isArray(el)) return undefined
  const rec = el as Record<string, unknown>
  let raw: unknown
  for (const k of BOX_KEYS) if (rec[k] !== undefined && raw === undefined) raw = rec[k]
  if (!Array.isArray(raw) || raw.length !== 4) return undefined
  const nums: number[] = []
  for (const v of raw) {
    if (typeof v !== 'number') return undefined
    nums.push(v)
  }
  const label = rec.label
  const out: PredObject = {
    raw: [nums[0] as number, nums[1] as number, nums[2] as number, nums[3] as number],
    label: typeof label === 'string' || typeof label === 'number' ? String(label) : '',
  }
  for (const k of CONF_KEYS) {
    const c = rec[k]
    if (typeof c === 'number') {
      out.confidence = c
      break
    }
  }
  return out
}
