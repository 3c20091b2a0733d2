import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runReward } from '../../../core/run-reward.js'
import { rougeReward } from './reward.js'

const score = (response: string, reference: unknown, params = {}) =>
  runReward(rougeReward, rougeReward.params.parse(params), { response, reference }, { services: {} })

describe('rouge', () => {
  it.each([
    ['rouge-1', 2 / 3], // p = 3/3, r = 3/6
    ['rouge-2', 4 / 7], // p = 2/2, r = 2/5
    ['rouge-l', 2 / 3], // LCS 3
    ['rouge-1-2-l-mean', (2 / 3 + 4 / 7 + 2 / 3) / 3], // VideoRFT free-form: the mean of the three
  ])('%s of "the cat sat" vs "the cat sat on the mat" = %d', async (variant, v) => {
    const out = await score('the cat sat', 'the cat sat on the mat', { variant })
    expect(out.score).toBeCloseTo(v, 12)
  })

  it('declares and fills one component per ROUGE type used', async () => {
    const out = await score('the cat sat', 'the cat sat on the mat', { variant: 'rouge-1-2-l-mean' })
    expect(Object.keys(out.components ?? {})).toEqual(
      rougeReward.components?.(rougeReward.params.parse({ variant: 'rouge-1-2-l-mean' })),
    )
  })

  it('stems by default (cats ~ cat, running ~ run), as rouge-score use_stemmer=True', async () => {
    expect((await score('cats running', 'cat run')).score).toBe(1)
    expect((await score('cats running', 'cat run', { stem: false })).score).toBe(0)
  })

  it('takes the best reference per type', async () => {
    expect((await score('a b c', ['x y z', 'a b c'])).score).toBe(1)
  })

  it('is in [0, 1] and symmetric for F-measure', () => {
    const words = fc.array(fc.constantFrom('the', 'cat', 'sat', 'on', 'mat', 'dogs'), { minLength: 1, maxLength: 12 })
    fc.assert(
      fc.asyncProperty(words, words, async (p, r) => {
        const a = (await score(p.join(' '), r.join(' '))).score
        const b = (await score(r.join(' '), p.join(' '))).score
        return a >= 0 && a <= 1 && Math.abs(a - b) < 1e-12
      }),
    )
  })
})
