import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runReward } from '../../../core/run-reward.js'
import { cosineLength } from './cosine-length.js'
import { cosineLengthReward } from './reward.js'

const score = (item: { response: string; reference?: unknown; meta?: Record<string, unknown> }, params = {}) =>
  runReward(cosineLengthReward, cosineLengthReward.params.parse(params), item, { services: {} })

describe('cosine-length', () => {
  it.each([
    [0, true, 1], // correct and short: the maximum
    [1000, true, 0.5], // correct at maxLength
    [500, true, 0.75],
    [0, false, -1], // wrong and short: the minimum (no reward for quitting early)
    [1000, false, -0.5], // wrong but long: penalised least
    [500, false, -0.75],
  ])('length %d, correct %s → %d (TRL defaults)', (len, ok, v) => expect(cosineLength(len, ok)).toBeCloseTo(v, 12))

  it('fixed clamps progress past maxLength; faithful keeps TRL wrapping back to the short-answer value', () => {
    expect(cosineLength(2000, true)).toBeCloseTo(0.5, 12)
    expect(cosineLength(2000, true, { mode: 'faithful' })).toBeCloseTo(1, 12)
    expect(cosineLength(2000, false, { mode: 'faithful' })).toBeCloseTo(-1, 12)
  })

  it('stays in the declared range under the paper’s exceed penalty and other end values', async () => {
    const [lo, hi] = cosineLengthReward.range
    for (const [params, want] of [
      [{ exceedPenalty: -10, maxLength: 10 }, -10],
      [{ correctShort: 3 }, 3],
    ] as const) {
      const { score: v } = await score({ response: 'x'.repeat(10), meta: { correct: true } }, params)
      expect(v).toBeCloseTo(want, 2)
      expect(v >= lo && v <= hi).toBe(true)
    }
  })

  it('the paper’s exceed penalty replaces the curve at maxLength', () => {
    expect(cosineLength(1000, true, { exceedPenalty: -10 })).toBe(-10)
    expect(cosineLength(999, true, { exceedPenalty: -10 })).toBeGreaterThan(0.5)
  })

  it('correctness from meta (boolean or score), or from matching the reference', async () => {
    const long = 'x'.repeat(500)
    expect((await score({ response: long, meta: { correct: true } })).score).toBeCloseTo(0.75, 12)
    expect((await score({ response: long, meta: { correct: 0.2 } })).score).toBeCloseTo(-0.75, 12)
    expect(await score({ response: long })).toMatchObject({ valid: false, reason: { code: 'missing_input' } })
    const r = await score(
      { response: '<answer> Paris </answer>', reference: ['paris'] },
      { correctness: 'normalized-match' },
    )
    expect(r.components).toMatchObject({ correct: 1 })
    const e = await score(
      { response: '<answer> Paris </answer>', reference: ['paris'] },
      { correctness: 'exact-match' },
    )
    expect(e.components).toMatchObject({ correct: 0 })
  })

  it('an answer-less output counts as wrong, never correct', async () => {
    const out = await score({ response: '', reference: 'a' }, { correctness: 'exact-match', answerFrom: 'answer-tag' })
    expect(out).toMatchObject({ score: -1, components: { correct: 0 } })
  })

  it('tokens come from meta when lengthUnit is tokens', async () => {
    expect(
      (await score({ response: 'x', meta: { correct: true, tokens: 1000 } }, { lengthUnit: 'tokens' })).score,
    ).toBeCloseTo(0.5, 12)
  })

  it('rejects curves where a wrong answer could outscore a right one', () => {
    expect(() => cosineLengthReward.params.parse({ wrongLong: 0.8 })).toThrow('a wrong answer never outscores')
  })

  it('a wrong answer never outscores a correct one of any length; correct is non-increasing, wrong non-decreasing', () => {
    fc.assert(
      fc.property(fc.nat(3000), fc.nat(3000), fc.nat(500), (a, b, d) => {
        return (
          cosineLength(a, false) <= cosineLength(b, true) &&
          cosineLength(a + d, true) <= cosineLength(a, true) + 1e-12 &&
          cosineLength(a + d, false) >= cosineLength(a, false) - 1e-12
        )
      }),
    )
  })
})
