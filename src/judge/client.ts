/**
 * The judge client: the official `openai` package pointed at any OpenAI-compatible base URL (vLLM, SGLang,
 * Ollama, OpenAI). Around each call: the reply cache, a concurrency limit for the endpoint, retries with backoff
 * on 429, 5xx, timeouts, connection failures and malformed bodies (honouring Retry-After), and a circuit breaker.
 * The SDK's own retries are off: the breaker and the metrics must see every attempt, and a call waiting to retry
 * must give its concurrency slot back, which the SDK's internal loop cannot do.
 */
import OpenAI from 'openai'
import type {
  ChatCompletion,
  ChatCompletionContentPart,
  ChatCompletionCreateParamsNonStreaming,
} from 'openai/resources/chat/completions'
import type {
  JudgeMessage,
  JudgeOptions,
  JudgeReply,
  JudgeService,
  JudgeTokenLogprob,
  JudgeUsage,
} from '../core/judge.js'
import { type BreakerOptions, type BreakerState, CircuitBreaker } from './breaker.js'
import { type CachedReply, cacheKey, memoryCache, type ReplyCache } from './cache.js'
import { createHttpFetch, type FetchLike } from './http-fetch.js'
import { type ImageAccess, ImagePreparer, type PreparedImage } from './images.js'
import { Limiter } from './limiter.js'
import { backoffMs, type RetryOptions, retryAfterMs, sleep } from './retry.js'

export interface JudgeClientOptions {
  /** OpenAI-compatible base URL, e.g. http://localhost:8000/v1 */
  url: string
  /** default model; when absent, the first model the endpoint lists (`GET /models`) */
  model?: string | undefined
  apiKey?: string | undefined
  /** calls in flight to this endpoint at once; default 64 */
  concurrency?: number
  /** per attempt, ms; default 60 000 */
  timeoutMs?: number
  retry?: RetryOptions
  breaker?: BreakerOptions
  images?: ImageAccess
  /** the reply cache; default in memory; false: none */
  cache?: ReplyCache | false
  /** the seed sent when a call names none (fixed, so judging repeats); default 0 */
  seed?: number
  /** max tokens when a call names none; default 512 */
  maxTokens?: number
  /**
   * the fetch the openai package calls (say undici's with a ProxyAgent); default: a keep-alive node:http(s)
   * adapter with `concurrency` sockets (http-fetch.ts says why)
   */
  fetch?: FetchLike
}

/** What one call did, for metrics and reports. */
export interface JudgeCallEvent {
  model: string
  outcome: 'ok' | 'cached' | 'refused' | 'error'
  usage: JudgeUsage
  latencyMs: number
  /** attempts made (0 for a cache hit) */
  attempts: number
  error?: string
}

export interface JudgeStats {
  calls: number
  cacheHits: number
  errors: number
  refusals: number
  retries: number
  promptTokens: number
  completionTokens: number
  inFlight: number
  queued: number
  circuit: BreakerState
}

export interface JudgeClient extends JudgeService {
  readonly url: string
  stats(): JudgeStats
  /** listens to every call; returns the function that stops listening */
  onCall(listener: (e: JudgeCallEvent) => void): () => void
  close(): void
}

/** The endpoint could not answer (after retries, or at once for a bad request or an open circuit). */
export class JudgeCallError extends Error {
  readonly status: number | undefined
  readonly kind: 'server' | 'request' | 'circuit' | 'input'
  constructor(message: string, kind: JudgeCallError['kind'], status?: number) {
    super(message)
    this.name = 'JudgeCallError'
    this.kind = kind
    this.status = status
  }
}

const ZERO_USAGE: JudgeUsage = Object.freeze({ promptTokens: 0, completionTokens: 0, totalTokens: 0, cachedTokens: 0 })

type Failure = { retry: boolean; message: string; status?: number; headers?: Headers }

function classify(e: unknown): Failure {
  if (e instanceof OpenAI.APIConnectionTimeoutError) return { retry: true, message: 'timed out' }
  if (e instanceof OpenAI.APIConnectionError) return { retry: true, message: `connection failed: ${e.message}` }
  if (e instanceof OpenAI.APIError) {
    const status = e.status
    const retry = status === undefined || status === 408 || status === 409 || status === 429 || status >= 500
    const f: Failure = { retry, message: `HTTP ${status}: ${e.message.slice(0, 300)}` }
    if (status !== undefined) f.status = status
    if (e.headers) f.headers = e.headers
    return f
  }
  // a body that is not JSON, or not a chat completion: often a proxy mid-restart, so worth a retry
  return { retry: true, message: `malformed reply: ${(e as Error).message?.slice(0, 300) ?? String(e)}` }
}

function toReply(res: ChatCompletion, model: string): CachedReply {
  const choice = res.choices?.[0]
  if (!choice?.message) throw new Error('no choices[0].message in the reply')
  const msg = choice.message
  const reply: CachedReply = {
    text: typeof msg.content === 'string' ? msg.content : '',
    usage: {
      promptTokens: res.usage?.prompt_tokens ?? 0,
      completionTokens: res.usage?.completion_tokens ?? 0,
      totalTokens: res.usage?.total_tokens ?? 0,
      cachedTokens: res.usage?.prompt_tokens_details?.cached_tokens ?? 0,
    },
    model: res.model || model,
  }
  if (msg.refusal) reply.refusal = msg.refusal
  else if (choice.finish_reason === 'content_filter') reply.refusal = 'stopped by the content filter'
  if (choice.finish_reason) reply.finishReason = choice.finish_reason
  const lps = choice.logprobs?.content
  if (lps && lps.length > 0)
    reply.logprobs = lps.map(
      (t): JudgeTokenLogprob => ({
        token: t.token,
        logprob: t.logprob,
        top: (t.top_logprobs ?? []).map((a) => ({ token: a.token, logprob: a.logprob })),
      }),
    )
  return reply
}

export function createJudgeClient(options: JudgeClientOptions): JudgeClient {
  const url = options.url.replace(/\/+$/, '')
  const concurrency = options.concurrency ?? 64
  const limiter = new Limiter(concurrency)
  // keep-alive sockets sized to the concurrency limit (Node's global fetch costs 2–4× the CPU a call: http-fetch.ts)
  const http = options.fetch ? undefined : createHttpFetch({ maxSockets: concurrency })
  const openai = new OpenAI({
    baseURL: url,
    apiKey: options.apiKey ?? 'unused',
    maxRetries: 0,
    timeout: options.timeoutMs ?? 60_000,
    fetch: options.fetch ?? http?.fetch,
  })
  const breaker = new CircuitBreaker(options.breaker)
  const images = new ImagePreparer(options.images)
  const cache = options.cache === false ? undefined : (options.cache ?? memoryCache())
  const retries = options.retry?.retries ?? 4
  const maxDelay = options.retry?.maxDelayMs ?? 30_000
  const seed = options.seed ?? 0
  const listeners = new Set<(e: JudgeCallEvent) => void>()
  const stats = { calls: 0, cacheHits: 0, errors: 0, refusals: 0, retries: 0, promptTokens: 0, completionTokens: 0 }
  let discovered: Promise<string> | undefined

  /** one frozen event per model for cache hits (listeners read it; nothing about a hit varies) */
  const cachedEvents = new Map<string, JudgeCallEvent>()
  const cachedEvent = (model: string) => {
    let e = cachedEvents.get(model)
    if (!e) {
      e = Object.freeze({ model, outcome: 'cached', usage: ZERO_USAGE, latencyMs: 0, attempts: 0 } as const)
      cachedEvents.set(model, e)
    }
    return e
  }

  const emit = (e: JudgeCallEvent) => {
    stats.calls++
    if (e.outcome === 'cached') stats.cacheHits++
    else if (e.outcome === 'error') stats.errors++
    else if (e.outcome === 'refused') stats.refusals++
    stats.promptTokens += e.usage.promptTokens
    stats.completionTokens += e.usage.completionTokens
    for (const l of listeners) l(e)
  }

  const modelFor = (o: JudgeOptions): Promise<string> | string => {
    const m = o.model ?? options.model
    if (m) return m
    discovered ??= openai.models.list().then(
      (page) => {
        const id = page.data[0]?.id
        if (!id) throw new JudgeCallError(`${url}/models lists no model; pass --judge-model`, 'request')
        return id
      },
      (e) => {
        discovered = undefined
        throw new JudgeCallError(`no --judge-model, and ${url}/models failed: ${(e as Error).message}`, 'server')
      },
    )
    return discovered
  }

  /** Prepares every image of the messages at once (in parallel); undefined when there are none (no await). */
  const prepareImages = (messages: readonly JudgeMessage[]) => {
    let refs: Promise<PreparedImage>[] | undefined
    for (const m of messages)
      if (typeof m.content !== 'string')
        for (const p of m.content) {
          if (p.type !== 'image') continue
          refs ??= []
          refs.push(images.prepare(p.image))
        }
    return refs && Promise.all(refs)
  }

  /** What decides the reply, for the cache key: roles and texts, images by their sha256. */
  const keyOf = (messages: readonly JudgeMessage[], prepared: readonly PreparedImage[] | undefined) => {
    const key: unknown[] = []
    let k = 0
    for (const m of messages) {
      key.push(m.role)
      if (typeof m.content === 'string') key.push(m.content)
      else
        for (const p of m.content)
          key.push(p.type === 'text' ? p.text : { image: prepared?.[k++]?.sha256, detail: p.detail })
    }
    return key
  }

  /** The messages as the endpoint takes them (built only on a cache miss). */
  const wireOf = (messages: readonly JudgeMessage[], prepared: readonly PreparedImage[] | undefined) => {
    let k = 0
    return messages.map((m) => {
      if (typeof m.content === 'string') return { role: m.role, content: m.content }
      const parts: ChatCompletionContentPart[] = m.content.map((p) => {
        if (p.type === 'text') return { type: 'text', text: p.text }
        const img = prepared?.[k++] as PreparedImage
        return { type: 'image_url', image_url: { url: img.url, ...(p.detail ? { detail: p.detail } : {}) } }
      })
      return { role: m.role, content: parts }
    }) as ChatCompletionCreateParamsNonStreaming['messages']
  }

  const call = async (body: ChatCompletionCreateParamsNonStreaming, signal: AbortSignal | undefined) => {
    for (let attempt = 0; ; attempt++) {
      try {
        breaker.admit(url)
      } catch (e) {
        throw new JudgeCallError((e as Error).message, 'circuit')
      }
      const release = await limiter.acquire(signal)
      let failure: Failure
      try {
        const res = await openai.chat.completions.create(body, signal ? { signal } : {})
        const reply = toReply(res, body.model)
        breaker.success()
        return { reply, attempts: attempt + 1 }
      } catch (e) {
        if (signal?.aborted) throw signal.reason ?? e
        failure = classify(e)
      } finally {
        release()
      }
      if (!failure.retry) throw new JudgeCallError(failure.message, 'request', failure.status)
      breaker.failure()
      if (attempt >= retries)
        throw new JudgeCallError(`${failure.message} (gave up after ${attempt + 1} attempts)`, 'server', failure.status)
      stats.retries++
      const asked = retryAfterMs(failure.headers)
      await sleep(Math.min(maxDelay, asked ?? backoffMs(attempt, options.retry)), signal)
    }
  }

  return {
    url,
    get model() {
      return options.model
    },
    async complete(messages, o = {}) {
      const started = performance.now()
      let model = o.model ?? options.model ?? '?'
      try {
        const named = modelFor(o)
        model = typeof named === 'string' ? named : await named
        const pending = prepareImages(messages)
        const prepared = pending && (await pending)
        const temperature = o.temperature ?? 0
        const maxTokens = o.maxTokens ?? options.maxTokens ?? 512
        const callSeed = o.seed ?? seed
        const stop = o.stop && o.stop.length > 0 ? o.stop : undefined
        const logprobs = o.logprobs ? true : undefined
        const topLogprobs = logprobs ? o.topLogprobs : undefined
        // the key is looked up before the wire request exists: a hit builds nothing else
        const k =
          cache && o.cache !== false
            ? cacheKey([
                model,
                keyOf(messages, prepared),
                temperature,
                o.topP,
                maxTokens,
                callSeed,
                stop,
                logprobs,
                topLogprobs,
              ])
            : undefined
        const hit = k === undefined ? undefined : cache?.get(k)
        if (hit) {
          emit(cachedEvent(model))
          return { ...hit, usage: ZERO_USAGE, latencyMs: 0, cached: true }
        }
        const body: ChatCompletionCreateParamsNonStreaming = {
          model,
          messages: wireOf(messages, prepared),
          temperature,
          max_tokens: maxTokens,
          seed: callSeed,
        }
        if (o.topP !== undefined) body.top_p = o.topP
        if (stop) body.stop = [...stop]
        if (logprobs) {
          body.logprobs = true
          if (topLogprobs !== undefined) body.top_logprobs = topLogprobs
        }
        const { reply, attempts } = await call(body, o.signal)
        const latencyMs = performance.now() - started
        if (k !== undefined && reply.refusal === undefined) cache?.set(k, reply)
        emit({
          model,
          outcome: reply.refusal === undefined ? 'ok' : 'refused',
          usage: reply.usage,
          latencyMs,
          attempts,
        })
        return { ...reply, latencyMs, cached: false } satisfies JudgeReply
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e)
        emit({
          model,
          outcome: 'error',
          usage: ZERO_USAGE,
          latencyMs: performance.now() - started,
          attempts: 0,
          error: message,
        })
        throw e
      }
    },
    stats: () => ({ ...stats, inFlight: limiter.inFlight, queued: limiter.queued, circuit: breaker.state }),
    onCall(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      cache?.close()
      http?.close()
    },
  }
}
