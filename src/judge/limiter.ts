/**
 * A counting semaphore: at most `max` holders at once, waiters served first-come first-served. Hand-written
 * because it is ten lines and the judge client must release its slot while it sleeps between retries, which
 * wrappers such as p-limit (one function call per slot) cannot express.
 */
export class Limiter {
  private active = 0
  private readonly waiting: (() => void)[] = []
  readonly max: number
  constructor(max: number) {
    if (!(Number.isInteger(max) && max >= 1)) throw new RangeError(`concurrency must be a whole number ≥ 1, got ${max}`)
    this.max = max
  }

  get inFlight(): number {
    return this.active
  }

  get queued(): number {
    return this.waiting.length
  }

  /** Resolves when a slot is free; call the returned function once to give it back. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.active < this.max) {
      this.active++
      return this.releaser()
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const k = this.waiting.indexOf(go)
        if (k !== -1) this.waiting.splice(k, 1)
        reject(signal?.reason ?? new Error('aborted'))
      }
      const go = () => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }
      if (signal?.aborted) return onAbort()
      signal?.addEventListener('abort', onAbort, { once: true })
      this.waiting.push(go)
    })
    return this.releaser()
  }

  private releaser(): () => void {
    let done = false
    return () => {
      if (done) return
      done = true
      const next = this.waiting.shift()
      if (next) next()
      else this.active--
    }
  }
}
