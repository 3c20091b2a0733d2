/**
 * A circuit breaker per endpoint: after `threshold` failures in a row (server errors, timeouts, connection
 * failures, not bad requests) it opens and calls fail at once for `cooldownMs`, so a dead judge costs
 * milliseconds per item instead of a full retry schedule; then one probe call is let through (half-open): its
 * success closes the circuit, its failure opens it again.
 */
export type BreakerState = 'closed' | 'open' | 'half-open'

export interface BreakerOptions {
  /** consecutive failures that open the circuit; default 8 */
  threshold?: number
  /** how long it stays open, ms; default 15 000 */
  cooldownMs?: number
  now?: () => number
}

export class CircuitOpenError extends Error {
  readonly retryInMs: number
  constructor(message: string, retryInMs: number) {
    super(message)
    this.name = 'CircuitOpenError'
    this.retryInMs = retryInMs
  }
}

export class CircuitBreaker {
  private failures = 0
  private openedAt = 0
  private probing = false
  private current: BreakerState = 'closed'
  private readonly threshold: number
  private readonly cooldownMs: number
  private readonly now: () => number
  constructor({ threshold = 8, cooldownMs = 15_000, now = Date.now }: BreakerOptions = {}) {
    this.threshold = threshold
    this.cooldownMs = cooldownMs
    this.now = now
  }

  get state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.cooldownMs) return 'half-open'
    return this.current
  }

  /** Throws CircuitOpenError when calls are refused; otherwise admits the call (as the probe when half-open). */
  admit(endpoint: string): void {
    const s = this.state
    if (s === 'closed') return
    if (s === 'half-open' && !this.probing) {
      this.probing = true
      return
    }
    const wait = Math.max(0, this.cooldownMs - (this.now() - this.openedAt))
    throw new CircuitOpenError(
      `circuit open: the judge at ${endpoint} failed ${this.failures} times in a row; next try in ${Math.ceil(wait / 1000)} s`,
      wait,
    )
  }

  success(): void {
    this.failures = 0
    this.probing = false
    this.current = 'closed'
  }

  failure(): void {
    this.failures++
    if (this.probing || this.failures >= this.threshold) {
      this.current = 'open'
      this.openedAt = this.now()
    }
    this.probing = false
  }
}
