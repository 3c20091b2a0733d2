/** Retry timing: exponential backoff with jitter, and the server's Retry-After when it sends one. */

export interface RetryOptions {
  /** attempts after the first; default 4 */
  retries?: number
  /** first backoff, ms; default 500 */
  baseDelayMs?: number
  /** longest backoff, and the longest Retry-After honoured, ms; default 30 000 */
  maxDelayMs?: number
}

/**
 * The delay a `Retry-After` (seconds or an HTTP date) or `retry-after-ms` header asks for, in ms; undefined when
 * absent or unreadable.
 * @example retryAfterMs(new Headers({ 'retry-after': '2' })) //= 2000
 */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = headers?.get('retry-after-ms')
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms))
  const v = headers?.get('retry-after')
  if (!v) return undefined
  if (/^\s*\d+(?:\.\d+)?\s*$/.test(v)) return Number(v) * 1000
  const at = Date.parse(v)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/** Backoff before retry `attempt` (0 = the first retry): between half and all of `base·2^attempt` (jitter spreads retries of many items), capped. */
export function backoffMs(
  attempt: number,
  { baseDelayMs = 500, maxDelayMs = 30_000 }: RetryOptions = {},
  random = Math.random,
): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** attempt) * (0.5 + random() / 2)
}

/** Sleeps `ms`, or rejects when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(t)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
