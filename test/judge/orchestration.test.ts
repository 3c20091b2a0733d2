import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CircuitBreaker } from '../../src/judge/breaker.js'
import { cacheKey } from '../../src/judge/cache.js'
import { Limiter } from '../../src/judge/limiter.js'
import { backoffMs, retryAfterMs } from '../../src/judge/retry.js'

describe('retryAfterMs', () => {
  it.each([
    [{ 'retry-after': '2' }, 2000],
    [{ 'retry-after-ms': '150' }, 150], // the millisecond form wins
    [{ 'retry-after': 'Thu, 01 Jan 1970 00:00:03 GMT' }, 3000 - 1000], // an HTTP date, relative to now = 1 s
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined],
  ])('%j → %s', (headers, want) => {
    expect(retryAfterMs(new Headers(headers), 1000)).toBe(want)
  })
})

describe('backoffMs', () => {
  it('grows with the attempt, stays between half and all of base·2^k, and never passes the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (k, r) => {
          const d = backoffMs(k, { baseDelayMs: 100, maxDelayMs: 5000 }, () => r)
          const full = Math.min(5000, 100 * 2 ** k)
          return d >= full / 2 && d <= full
        },
      ),
    )
  })
})

describe('Limiter', () => {
  it('never lets more than max hold a slot, and serves waiters in order', async () => {
    const lim = new Limiter(2)
    let held = 0
    let peak = 0
    const order: number[] = []
    await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const release = await lim.acquire()
        held++
        peak = Math.max(peak, held)
        order.push(i)
        await new Promise((r) => setTimeout(r, 2))
        held--
        release()
        release() // a second release is a no-op
      }),
    )
    expect(peak).toBe(2)
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    expect(lim.inFlight).toBe(0)
  })
  it('drops an aborted waiter', async () => {
    const lim = new Limiter(1)
    const release = await lim.acquire()
    const waiting = lim.acquire(AbortSignal.abort(new Error('gone')))
    await expect(waiting).rejects.toThrow('gone')
    release()
    expect(lim.queued).toBe(0)
  })
})

describe('CircuitBreaker', () => {
  it('opens after the threshold, lets one probe through after the cooldown, and closes on its success', () => {
    let now = 0
    const b = new CircuitBreaker({ threshold: 3, cooldownMs: 100, now: () => now })
    for (let i = 0; i < 3; i++) {
      b.admit('u')
      b.failure()
    }
    expect(() => b.admit('u')).toThrow(/circuit open.*3 times/)
    now = 150
    expect(b.state).toBe('half-open')
    b.admit('u') // the probe
    expect(() => b.admit('u')).toThrow(/circuit open/) // only one probe at a time
    b.failure()
    expect(b.state).toBe('open') // a failed probe opens it again
    now = 300
    b.admit('u')
    b.success()
    expect(b.state).toBe('closed')
  })
})

describe('cacheKey', () => {
  it('is the same for equal requests and differs when anything that decides the reply differs', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer(), fc.integer(), (text, s1, s2) => {
        const a = cacheKey(['m', ['user', text], 0, s1])
        return (
          a === cacheKey(['m', ['user', text], 0, s1]) && (s1 === s2) === (a === cacheKey(['m', ['user', text], 0, s2]))
        )
      }),
    )
  })
})
