import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runReward } from '../../../core/run-reward.js'
import { levenshteinRatio } from './levenshtein-ratio.js'
import { levenshteinRatioReward } from './reward.js'

const score = (response: string, reference: unknown, params = {}) =>
  runReward(
    levenshteinRatioReward,
    levenshteinRatioReward.params.parse(params),
    { response, reference },
    { services: {} },
  )

describe('levenshtein-ratio', () => {
  it.each([
    ['kitten', 'sitting', {}, 1 - 3 / 7], // the textbook pair: 3 edits over 7
    ['kitten', 'sitting', { normalization: 'indel' }, 1 - 5 / 13], // python-Levenshtein ratio: LCS 4 → indel 5
    ['Hello  World', 'hello world', {}, 1], // case and whitespace normalised by default
    ['Hello', 'hello', { lowercase: false }, 0.8],
    ['😀a', '😀b', {}, 0.5], // counted in code points, as Python
  ] as const)('%j vs %j (%j) → %d', (a, b, o, v) => expect(levenshteinRatio(a, b, o)).toBeCloseTo(v, 12))

  it('takes the best reference and refuses an empty answer', async () => {
    expect((await score('<answer>abc</answer>', ['xyz', 'abd'])).score).toBeCloseTo(2 / 3, 12)
    expect(await score('<answer> </answer>', 'a')).toMatchObject({ valid: false, reason: { code: 'empty_answer' } })
  })

  it('bounds runaway output instead of running a quadratic metric on it', async () => {
    expect(await score('x'.repeat(30_000), 'x')).toMatchObject({ valid: false, reason: { code: 'too_large' } })
  })

  it('is symmetric, in [0, 1], and 1 exactly on equal normalised strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (a, b) => {
        const v = levenshteinRatio(a, b)
        return v >= 0 && v <= 1 && v === levenshteinRatio(b, a) && levenshteinRatio(a, a) === 1
      }),
    )
  })
})
