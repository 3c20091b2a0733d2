import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runReward } from '../../../core/run-reward.js'
import { overlongPenalty } from './overlong-penalty.js'
import { overlongPenaltyReward } from './reward.js'

const score = (response: string, meta: Record<string, unknown> | undefined, params = {}) =>
  runReward(
    overlongPenaltyReward,
    overlongPenaltyReward.params.parse(params),
    meta ? { response, meta } : { response },
    { services: {} },
  )

describe('overlong-penalty (DAPO)', () => {
  it.each([
    [18432, -0.5], // rewards.md §8a worked example
    [16384, 0], // exactly L_max − L_cache: no penalty yet
    [20480, -1], // at L_max: −factor
    [30000, -1], // past L_max (impossible under truncation): held at −factor, as TRL
    [0, 0],
  ])('|y| = %d → %d', (len, v) => expect(overlongPenalty(len)).toBeCloseTo(v, 12))

  it('stays in the declared range whatever the factor', async () => {
    const [lo, hi] = overlongPenaltyReward.range
    const { score: v } = await score('x', { tokens: 20480 }, { factor: 3 })
    expect(v).toBe(-3)
    expect(v >= lo && v <= hi).toBe(true)
  })

  it('reads the length from meta.tokens (a count or the ids) or meta.responseLength', async () => {
    expect((await score('x', { tokens: 18432 })).score).toBeCloseTo(-0.5, 12)
    expect((await score('x', { tokens: new Array(18432).fill(0) })).score).toBeCloseTo(-0.5, 12)
    expect((await score('x', { responseLength: 18432 })).score).toBeCloseTo(-0.5, 12)
  })

  it('estimates from characters when the item has no token count, and says so', async () => {
    const out = await score('x'.repeat(4 * 18432), undefined)
    expect(out).toMatchObject({ score: -0.5, valid: true, reason: { code: 'ok' }, components: { length: 18432 } })
    expect(out.reason).toHaveProperty('note')
  })

  it('charsPerToken: null makes a missing count invalid rather than guessed', async () => {
    expect(await score('x', undefined, { charsPerToken: null })).toMatchObject({
      valid: false,
      reason: { code: 'missing_input' },
    })
  })

  it('rejects a cache larger than maxLength at compile time', () => {
    expect(() => overlongPenaltyReward.params.parse({ maxLength: 100, cache: 200 })).toThrow(
      'cache must not exceed maxLength',
    )
  })

  it('is in [−factor, 0] and non-increasing in length', () => {
    fc.assert(
      fc.property(fc.nat(40000), fc.nat(2000), (len, d) => {
        const v = overlongPenalty(len)
        return v <= 0 && v >= -1 && overlongPenalty(len + d) <= v
      }),
    )
  })
})
