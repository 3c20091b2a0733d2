import { HttpError } from './errors.js'

export interface AdmissionLimits {
  /** requests being read or scored at once */
  maxRequests: number
  /** items in one request */
  maxBatchItems: number
  /** items accepted and not yet answered, across all requests */
  maxPendingItems: number
  /** seconds a refused client should wait, sent as Retry-After */
  retryAfterSeconds: number
}

/**
 * The bounded queue: work beyond the limits is refused with a 503 and Retry-After rather than buffered, so
 * memory stays bounded under any load and trainers' retry loops (OpenRLHF retries 5 times) do the waiting.
 */
export class Admission {
  requests = 0
  pendingItems = 0
  readonly limits: AdmissionLimits
  constructor(limits: AdmissionLimits) {
    this.limits = limits
  }

  private busy(what: string): HttpError {
    return new HttpError(503, 'overloaded', `the server is at capacity (${what}); retry later`, {
      headers: { 'Retry-After': String(this.limits.retryAfterSeconds) },
    })
  }

  /** Admits one request (before its body is read); returns the release function. */
  enterRequest(): () => void {
    if (this.requests >= this.limits.maxRequests) throw this.busy(`${this.requests} requests in flight`)
    this.requests++
    let done = false
    return () => {
      if (!done) this.requests--
      done = true
    }
  }

  /** Admits `n` items for scoring; returns the release function. */
  enterItems(n: number): () => void {
    if (n > this.limits.maxBatchItems)
      throw new HttpError(
        413,
        'too_many_items',
        `a batch of ${n} items is over the limit of ${this.limits.maxBatchItems} (--max-batch); split it`,
      )
    if (this.pendingItems + n > this.limits.maxPendingItems)
      throw this.busy(`${this.pendingItems} items pending of ${this.limits.maxPendingItems}`)
    this.pendingItems += n
    let done = false
    return () => {
      if (!done) this.pendingItems -= n
      done = true
    }
  }
}
