import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runReward } from '../../../core/run-reward.js'
import { werReward } from './reward.js'
import { wordErrorRate } from './wer.js'

const score = (response: string, reference: unknown, params = {}) =>
  runReward(werReward, werReward.params.parse(params), { response, reference }, { services: {} })

describe('wer', () => {
  it.each([
    ['the cat sat', 'the cat sat down', 0.25], // one deletion over 4 reference words
    ['the cat sat on a mat', 'the cat sat', 1], // three insertions over 3 words: WER 1
    ['The cat', 'the cat', 0.5], // case-sensitive as VideoRFT
    ['', 'a b', 1], // nothing predicted: every word deleted
  ])('WER(%j, %j) = %d', (p, r, v) => expect(wordErrorRate(p, r)).toBeCloseTo(v, 12))

  it('VideoRFT OCR reward clips 1 − WER to [0, 1] and keeps the raw WER as a component', async () => {
    expect(await score('<answer>the cat sat</answer>', 'the cat sat down')).toMatchObject({
      score: 0.75,
      components: { wer: 0.25 },
    })
    const long = await score('<answer>a b c d e f g</answer>', 'x y')
    expect(long.score).toBe(0)
    expect(long.components?.wer).toBe(3.5)
  })

  it('uses the closest reference; lowercase is opt-in', async () => {
    expect((await score('<answer>The Cat</answer>', ['dog', 'the cat'], { lowercase: true })).score).toBe(1)
  })

  it('WER is 0 only for the same word sequence', () => {
    const words = fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '))
    fc.assert(fc.property(words, words, (p, r) => (wordErrorRate(p, r) === 0) === (p === r)))
  })
})
