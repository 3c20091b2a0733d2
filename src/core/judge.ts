/**
 * The judge service rewards call (`context.services.judge`): chat messages with image parts in, a reply with
 * text, logprobs, usage and latency out. Pure types: the client on the `openai` package lives in `src/judge/`,
 * and tests hand rewards a fake.
 */
import type { ImageRef } from './types.js'

/** One part of a judge message: text, or an image the client turns into a data URL. */
export type JudgeContentPart =
  | { type: 'text'; text: string }
  | { type: 'image'; image: ImageRef; detail?: 'auto' | 'low' | 'high' }

export interface JudgeMessage {
  role: 'system' | 'user' | 'assistant'
  content: string | readonly JudgeContentPart[]
}

/** Per-call options; unset fields take the service's defaults. */
export interface JudgeOptions {
  /** the model name sent to the endpoint; default: the service's */
  model?: string
  /** default 0 */
  temperature?: number
  topP?: number
  /** default 512 */
  maxTokens?: number
  /** ask for the log-probabilities of the reply tokens */
  logprobs?: boolean
  /** alternatives per token (0-20), with `logprobs` */
  topLogprobs?: number
  /** default: the service's fixed seed */
  seed?: number
  stop?: readonly string[]
  /** aborts the call (the item's deadline) */
  signal?: AbortSignal
  /** false: skip the cache for this call (read and write) */
  cache?: boolean
}

export interface JudgeTopLogprob {
  token: string
  logprob: number
}

export interface JudgeTokenLogprob extends JudgeTopLogprob {
  /** the most likely alternatives at this position, the token itself included */
  top: readonly JudgeTopLogprob[]
}

export interface JudgeUsage {
  promptTokens: number
  completionTokens: number
  totalTokens: number
  cachedTokens: number
}

export interface JudgeReply {
  /** the assistant's text ('' when it refused) */
  text: string
  /** set when the model refused to answer (OpenAI's `refusal` field, or a content-filter stop) */
  refusal?: string
  finishReason?: string
  /** per reply token, when asked for and the server offers them */
  logprobs?: readonly JudgeTokenLogprob[]
  /** what this call spent: zeros for a cache hit */
  usage: JudgeUsage
  /** wall time of the call, retries included; 0 for a cache hit */
  latencyMs: number
  /** true when the reply came from the cache (it cost nothing) */
  cached: boolean
  /** the model that answered */
  model: string
}

/**
 * A judge endpoint. `complete` rejects (with a message saying why) only when the endpoint could not answer after
 * its retries: rewards turn that into `reward_error`, never a silent 0.
 */
export interface JudgeService {
  /** the model used when a call names none */
  readonly model: string | undefined
  complete(messages: readonly JudgeMessage[], options?: JudgeOptions): Promise<JudgeReply>
}
