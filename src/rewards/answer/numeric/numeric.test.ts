import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runReward } from '../../../core/run-reward.js'
import { numeric } from './numeric.js'
import { numericReward } from './reward.js'

const score = (response: string, reference: unknown, params = {}) =>
  runReward(numericReward, numericReward.params.parse(params), { response, reference }, { services: {} })

const CHARTQA = { relTol: 0.05, percent: 'value', stringFallback: true } as const

describe('numeric', () => {
  it.each([
    ['42', 42, {}, 1],
    ['$1,234.50', 1234.5, {}, 1], // currency and thousands separators
    ['12 cm', 12, {}, 1], // a unit
    ['twenty', 20, {}, 1], // number words
    ['0.1', '0.10', {}, 1], // a numeric-string reference
    ['41', 42, {}, 0],
    ['5 or 6', 5, {}, 0], // hedging is not a number (strict)
    ['There are 3 red and 2 blue, 5 total', 5, { extract: 'last' }, 1],
    ['There are 3 red and 2 blue, 5 total', 3, { extract: 'first' }, 1],
    ['41', 42, { absTol: 1 }, 1],
    // ChartQA relaxed correctness: 5% of the target
    ['104', 100, CHARTQA, 1],
    ['106', 100, CHARTQA, 0],
    ['25%', '0.25', CHARTQA, 1], // ChartQA divides a trailing % by 100
    ['25%', '25', CHARTQA, 0], // ...so "25%" against "25" fails there
    ['Yes', 'yes', CHARTQA, 1], // non-numeric answers compare as strings
    // percent policies
    ['25%', 25, {}, 1], // either reading
    ['25%', 0.25, {}, 1],
    ['25%', 25, { percent: 'value' }, 0],
    ['25%', 0.25, { percent: 'ignore' }, 0],
    // VideoRFT: rounded to 2 decimals; regression 1 − relative error
    ['3.141', 3.14, { decimals: 2 }, 1],
    ['90', 100, { scoring: 'regression' }, 0.9],
    ['300', 100, { scoring: 'regression' }, 0], // clipped
  ] as const)('%j vs %j %j → %d', (answer, reference, opts, expected) => {
    expect(numeric(answer, reference, opts).score).toBeCloseTo(expected, 9)
  })

  it('says which side failed to parse', () => {
    expect(numeric('abc', 5).reason).toMatchObject({ code: 'unparseable_answer', side: 'response' })
    expect(numeric('5', 'abc').reason).toMatchObject({ code: 'unparseable_answer', side: 'reference' })
  })
})

describe('the reward', () => {
  it('scores the best of several references', async () => {
    expect(await score('<answer>7</answer>', [5, '7'])).toMatchObject({ score: 1, valid: true })
    expect(await score('<answer>8</answer>', [5, 7])).toMatchObject({ score: 0, reason: { code: 'wrong_answer' } })
  })

  it('is invalid on an unparseable answer, and on a missing or bad reference', async () => {
    expect(await score('<answer>many</answer>', 5)).toMatchObject({
      valid: false,
      reason: { code: 'unparseable_answer' },
    })
    expect(await score('<answer>5</answer>', undefined)).toMatchObject({
      valid: false,
      reason: { code: 'missing_reference' },
    })
    expect(await score('<answer>5</answer>', { n: 5 })).toMatchObject({
      valid: false,
      reason: { code: 'invalid_reference' },
    })
    expect(await score('<answer>5</answer>', 'five-ish')).toMatchObject({
      valid: false,
      reason: { code: 'invalid_reference' },
    })
    expect(await score('<answer>5</answer>', [])).toMatchObject({ valid: false, reason: { code: 'invalid_reference' } })
  })

  it('rejects bad params at compile time', () => {
    expect(() => numericReward.params.parse({ relTol: -1 })).toThrow()
    expect(() => numericReward.params.parse({ percent: 'maybe' })).toThrow(/percent/)
  })

  it('scores a 10 MB response in bounded time', async () => {
    const t = performance.now()
    expect(await score(`<answer>${'1,'.repeat(5_000_000)}</answer>`, 1)).toMatchObject({
      reason: { code: 'too_large' },
    })
    expect(await score(`${'9'.repeat(10_000_000)}`, 1, { answerFrom: 'answer-tag-or-whole' })).toMatchObject({
      valid: false,
    })
    expect(performance.now() - t).toBeLessThan(3000)
  })
})

describe('properties', () => {
  it('any finite number written by JavaScript matches itself; tolerance is symmetric in sign', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), (x) => {
        const s = String(x)
        if (/e/i.test(s)) return
        expect(numeric(s, x).score).toBe(1)
        expect(numeric(String(-x), -x).score).toBe(1)
      }),
    )
  })

  it('binary scores are 0 or 1 and regression scores lie in [0, 1]', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.double({ noNaN: true, noDefaultInfinity: true }), (s, ref) => {
        const b = numeric(s, ref).score
        const r = numeric(s, ref, { scoring: 'regression' }).score
        expect(b === 0 || b === 1).toBe(true)
        expect(r >= 0 && r <= 1).toBe(true)
      }),
    )
  })
})
