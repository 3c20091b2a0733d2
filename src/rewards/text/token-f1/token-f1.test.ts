import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runReward } from '../../../core/run-reward.js'
import { tokenF1Reward } from './reward.js'
import { normalizeSquad, tokenF1 } from './token-f1.js'

const score = (response: string, reference: unknown) =>
  runReward(tokenF1Reward, tokenF1Reward.params.parse({}), { response, reference }, { services: {} })

describe('token-f1', () => {
  it.each([
    ['the big red car', 'a red car', 0.8], // articles dropped: {big, red, car} vs {red, car}
    ['Paris.', 'paris', 1], // punctuation and case
    ['red red red', 'red car', 0.4], // counts are clipped: one shared "red"
    ['the', 'the', 0], // nothing left after normalisation: an empty answer never matches
  ])('F1(%j, %j) = %d', (p, r, v) => expect(tokenF1(p, r).f1).toBeCloseTo(v, 12))

  it('normalises as SQuAD', () => expect(normalizeSquad('The  Eiffel-Tower!')).toBe('eiffeltower'))

  it('takes the best reference and reports its precision and recall', async () => {
    expect(await score('<answer>the big red car</answer>', ['blue', 'a red car'])).toMatchObject({
      score: 0.8,
      components: { precision: 2 / 3, recall: 1 },
    })
  })

  it('is symmetric and in [0, 1]', () => {
    const text = fc
      .array(fc.constantFrom('a', 'red', 'car', 'blue', 'the', 'big'), { maxLength: 8 })
      .map((w) => w.join(' '))
    fc.assert(
      fc.property(text, text, (p, r) => {
        const v = tokenF1(p, r).f1
        return v >= 0 && v <= 1 && Math.abs(v - tokenF1(r, p).f1) < 1e-12
      }),
    )
  })
})
