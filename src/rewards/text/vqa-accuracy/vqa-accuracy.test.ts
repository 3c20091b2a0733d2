import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runReward } from '../../../core/run-reward.js'
import { normalizeVqaAnswer } from './normalize.js'
import { vqaAccuracyReward } from './reward.js'
import { vqaAccuracy } from './vqa-accuracy.js'

const score = (response: string, reference: unknown, params = {}) =>
  runReward(vqaAccuracyReward, vqaAccuracyReward.params.parse(params), { response, reference }, { services: {} })

const ten = (hits: number, answer = 'yes', other = 'no') => [
  ...Array<string>(hits).fill(answer),
  ...Array<string>(10 - hits).fill(other),
]

describe('vqa-accuracy', () => {
  it.each([
    [0, 0],
    [1, 0.3], // 9 subsets still holding the match give 1/3 each
    [2, 0.6],
    [3, 0.9], // the subsets that lose a match drop to 2/3: mean 0.9, not 1
    [4, 1],
    [10, 1],
  ])('leave-one-out with %d of 10 matching → %d', (hits, v) => expect(vqaAccuracy('yes', ten(hits))).toBeCloseTo(v, 12))

  it('the simple form is min(1, matches/3)', () => {
    expect(vqaAccuracy('yes', ten(2), { form: 'simple' })).toBeCloseTo(2 / 3, 12)
    expect(vqaAccuracy('yes', ten(3), { form: 'simple' })).toBe(1)
  })

  it.each([
    ['Two', '2'], // number words become digits
    ['a dog.', 'dog'], // articles and periods go
    ['3.5', '3.5'], // a period before a digit stays
    ['dont', "don't"], // contractions restored
    ['yes!', 'yes'],
    ['black and/or white', 'black and or white'], // "/" with no space around it becomes a space
    ['1,000', '1000'], // commas are dropped before punctuation handling
    ['  -x y-z', 'x y z'], // stripped first, so no " -": every "-" becomes a space
    ['x -y-z', 'x yz'], // " -" present: every "-" is deleted instead
    ['x\t-y-z', 'x yz'], // tabs count as spaces for that rule
  ])('normalises %j → %j (EvalAI)', (raw, norm) => expect(normalizeVqaAnswer(raw)).toBe(norm))

  it('the reward reads the answer tag and needs matchesForFull: 1 for single-reference exact match', async () => {
    expect((await score('<answer>Two</answer>', ['2', '2', 'two', '3'])).score).toBeCloseTo(0.75, 12)
    expect((await score('<answer>a Dog</answer>', 'dog')).score).toBeCloseTo(1 / 3, 12)
    expect((await score('<answer>a Dog</answer>', 'dog', { matchesForFull: 1 })).score).toBe(1)
  })

  it('an answer that normalises to nothing never matches, even an empty reference', () => {
    expect(vqaAccuracy('the', ['', '', '', ''])).toBe(0)
  })

  it('is in [0, 1] and monotone in the number of matches', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), (h) => {
        const a = vqaAccuracy('yes', ten(h))
        return a >= 0 && a <= 1 && vqaAccuracy('yes', ten(h + 1)) >= a
      }),
    )
  })
})
