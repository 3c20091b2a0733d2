/** The data model of interfaces.md §1: what is scored and what comes back. */

/** One part of an OpenAI-style chat message. */
export type ChatContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } }
  | { type: 'image'; image?: unknown }
  | { type: string; [k: string]: unknown }

export interface ChatMessage {
  role: string
  content: string | ChatContentPart[]
}

/** An image the policy saw. Sizes are in pixels; `input*` is the size after the model's resize. */
export interface ImageRef {
  path?: string
  url?: string
  /** base64 or a data URL */
  data?: string
  sha256?: string
  width?: number
  height?: number
  inputWidth?: number
  inputHeight?: number
}

/** One rollout to score. Every field but `response` is optional. */
export interface ScoreItem {
  id?: string
  /** routes to a reward in the spec (verl's data_source) */
  task?: string
  prompt?: string | ChatMessage[]
  response: string
  reference?: unknown
  images?: ImageRef[]
  meta?: Record<string, unknown>
  /** GRPO group id (verl's uid) */
  group?: string
  step?: number
}

/** Why an item could not be scored at all (as opposed to scoring 0). */
export interface ScoreError {
  code: string
  message: string
}

export interface ScoreResult {
  id: string
  score: number
  /** the same keys for every item scored by one spec */
  components: Record<string, number>
  /** false: the output could not be parsed or scored */
  valid: boolean
  reason?: { code: string; [k: string]: unknown }
  error?: ScoreError
}

/** Coordinate spaces a model may answer in; never guessed from magnitudes (protocols.md §E). */
export const COORD_SPACES = [
  'pixel',
  'pixel-resized',
  'norm1000',
  'norm1',
  'pct100',
  'loc1024-yx',
  'loc1000-florence',
  'norm1000-yx',
] as const
export type CoordSpace = (typeof COORD_SPACES)[number]

export const BOX_ORDERS = ['xyxy', 'xywh', 'cxcywh'] as const
export type BoxOrder = (typeof BOX_ORDERS)[number]
