import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runReward } from '../../../core/run-reward.js'
import { anls } from './anls.js'
import { anlsReward } from './reward.js'

const score = (response: string, reference: unknown, params = {}) =>
  runReward(anlsReward, anlsReward.params.parse(params), { response, reference }, { services: {} })

describe('anls', () => {
  it.each([
    ['The Cat', ['the cat'], 1], // case and whitespace are normalised away
    ['Acme Inc', ['ACME inc.'], 1 - 1 / 9], // one edit over 9 characters
    ['acme', ['acme corporation'], 0], // q = 0.25 < 0.5 → 0
    ['acme corp', ['xyz', 'acme corp.'], 0.9], // max over references
    ['', ['a'], 0], // an empty answer never matches
  ])('%j vs %j → %d', (pred, refs, v) => expect(anls(pred, refs)).toBeCloseTo(v, 12))

  it('faithful divides by raw lengths: padding the answer with spaces inflates the score (the suites quirk)', () => {
    const padded = `x${' '.repeat(100)}`
    expect(anls(padded, ['y'], { mode: 'faithful' })).toBeCloseTo(1 - 1 / 101, 12)
    expect(anls(padded, ['y'], { mode: 'fixed' })).toBe(0)
  })

  it('the reward measures the untrimmed answer only in faithful mode', async () => {
    const response = `<answer>ab${' '.repeat(20)}</answer>`
    expect((await score(response, 'xy')).score).toBe(0)
    expect((await score(response, 'xy', { mode: 'faithful' })).score).toBeCloseTo(1 - 2 / 22, 12)
  })

  it('reports a missing reference and a missing answer tag as invalid', async () => {
    expect(await score('<answer>a</answer>', undefined)).toMatchObject({
      valid: false,
      reason: { code: 'missing_reference' },
    })
    expect(await score('no tag', 'a', { answerFrom: 'answer-tag' })).toMatchObject({
      valid: false,
      reason: { code: 'no_answer' },
    })
    expect(await score('<answer>a</answer>', [{}])).toMatchObject({ reason: { code: 'invalid_reference' } })
  })

  it('is 0 or in [threshold, 1], and 1 on the reference itself', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ minLength: 1, maxLength: 30 }), (p, r) => {
        const v = anls(p, [r])
        const ownScore = r.trim() ? anls(r, [r]) : 1
        return (v === 0 || (v >= 0.5 && v <= 1)) && ownScore === 1
      }),
    )
  })
})
