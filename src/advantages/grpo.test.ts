import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { groupStats, grpoAdvantages } from './grpo.js'

describe('grpoAdvantages', () => {
  it.each([
    // rewards.md §8 worked example: r = [1,0,1,1] → [.4999, −1.4997, .4999, .4999]
    [
      [1, 0, 1, 1],
      [0.4999, -1.4997, 0.4999, 0.4999],
    ],
    // a zero-variance group: every advantage 0 (no signal)
    [
      [0.5, 0.5, 0.5],
      [0, 0, 0],
    ],
    // verl: a group of one has μ = 0, σ = 1, so the advantage is r / (1 + ε)
    [[0.7], [0.7 / (1 + 1e-6)]],
  ])('%j → %j', (rewards, expected) => {
    const got = grpoAdvantages(rewards)
    expect(got).toHaveLength(expected.length)
    got.forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i] as number, 3) // the spec prints truncated figures (.4999 = .499999)
    })
  })

  it('sums to zero and keeps the order of rewards (groups of two or more)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 2, maxLength: 32 }), (r) => {
        const a = grpoAdvantages(r)
        const sum = a.reduce((s, v) => s + v, 0)
        if (Math.abs(sum) > 1e-6 * r.length * (1 + Math.max(...a.map(Math.abs)))) return false
        for (let i = 0; i < r.length; i++)
          for (let j = 0; j < r.length; j++)
            if ((r[i] as number) < (r[j] as number) && (a[i] as number) > (a[j] as number)) return false
        return true
      }),
    )
  })

  it('flags zero variance only when every reward is equal', () => {
    expect(groupStats([1, 1, 1]).zeroVariance).toBe(true)
    expect(groupStats([1, 1, 0.999]).zeroVariance).toBe(false)
    expect(groupStats([1]).zeroVariance).toBe(false)
  })
})
