import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runReward } from '../../../core/run-reward.js'
import { bleuReward } from './reward.js'

const score = (response: string, reference: unknown, params = {}) =>
  runReward(bleuReward, bleuReward.params.parse(params), { response, reference }, { services: {} })

describe('bleu (BLEUBERI)', () => {
  it('rewards.md §10: "the cat sat" vs "the cat sat on the mat" → every p_n = 1, ratio .5, BLEU = e^-1', async () => {
    const out = await score('the cat sat', 'the cat sat on the mat')
    expect(out.score).toBeCloseTo(Math.exp(-1), 12)
    expect(out.components).toMatchObject({ brevity_penalty: Math.exp(-1), precision_1: 1, precision_4: 1 })
  })

  it.each([
    ['<answer>the cat sat</answer> trailing', 'the cat sat on the mat', Math.exp(-1)], // <answer> body is used
    // case kept, so "The" misses: smoothed p_n = 7/8, 6/7, 5/6, 4/5, whose product is 1/2
    ['The cat sat on the mat.', 'the cat sat on the mat.', 0.5 ** 0.25],
  ])('%j vs %j', async (response, reference, v) => {
    expect((await score(response, reference)).score).toBeCloseTo(v, 12)
  })

  it('brevity is against the shortest reference even when a longer one matches better', async () => {
    const out = await score('a b c d', ['a b c d e f g h', 'x y'])
    expect(out.components?.brevity_penalty).toBe(1) // 4 tokens > 2 (the shortest)
  })

  it('empty answers score 0 and are invalid', async () => {
    expect(await score('<answer></answer>', 'a')).toMatchObject({
      score: 0,
      valid: false,
      reason: { code: 'empty_answer' },
    })
  })

  it.each([
    ['', 'an empty reference'], // the audit's case: 'x' against '' scored .841, valid
    ['   ', 'an empty reference'],
    [['', 'the cat'], 'reference 1 of 2 is empty'], // the shortest reference would be 0 tokens: no brevity penalty
    [['the cat', '\n'], 'reference 2 of 2 is empty'],
  ])('an empty reference %j is invalid, never a score', async (reference, got) => {
    const out = await score('x', reference)
    expect(out).toMatchObject({ score: 0, valid: false, reason: { code: 'invalid_reference' } })
    if (Array.isArray(reference)) expect(out.reason).toMatchObject({ got })
  })

  it('rejects a max order outside 1..8 at compile time', () => {
    expect(() => bleuReward.params.parse({ maxOrder: 0 })).toThrow()
  })

  it('is in [0, 1] and 1 on the reference itself', () => {
    const words = fc.array(fc.constantFrom('the', 'cat', 'sat', 'on', 'mat', ','), { minLength: 1, maxLength: 12 })
    fc.assert(
      fc.asyncProperty(words, words, async (p, r) => {
        const v = (await score(p.join(' '), r.join(' '))).score
        const self = (await score(r.join(' '), r.join(' '))).score
        return v >= 0 && v <= 1 && Math.abs(self - 1) < 1e-12
      }),
    )
  })
})
