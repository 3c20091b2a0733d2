import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runReward } from '../../../core/run-reward.js'
import { satoriCaptionReward } from './reward.js'
import { satoriCaption } from './satori-caption.js'

const score = (response: string, reference: unknown) =>
  runReward(satoriCaptionReward, {}, { response, reference }, { services: {} })

describe('satori-caption', () => {
  it('averages nltk BLEU-4 (method1) and stemmed ROUGE-L F1', () => {
    const d = satoriCaption('a dog runs on the grass', 'a dog is running on the grass')
    expect(d.bleu4).toBeCloseTo(0.21506254256566312, 12) // nltk 3.8 sentence_bleu on the same tokens
    expect(d.rougeL).toBeCloseTo(12 / 13, 12) // stems: run ~ running; LCS 6 of 6 and 7
    expect(d.score).toBeCloseTo((d.bleu4 + d.rougeL) / 2, 12)
  })

  it('lower-cases for BLEU (word_tokenize on .lower())', () => {
    expect(satoriCaption('A Red Car parked outside', 'a red car parked outside').score).toBeCloseTo(1, 12)
  })

  it.each([
    ['<answer>x</answer>', 'no_answer'], // rewards.md §5a: a missing tag gives 0
    ['<caption>  </caption>', 'empty_answer'],
  ])('%j → 0 (%s)', async (response, code) => {
    expect(await score(response, 'a dog')).toMatchObject({
      score: 0,
      valid: false,
      reason: { code },
      components: { bleu4: 0, rougeL: 0 },
    })
  })

  it('accepts the reference as a string or as { caption }', async () => {
    const r = '<caption>a dog</caption><bbox>[[1,2,3,4]]</bbox><answer>B</answer>'
    expect((await score(r, { caption: 'a dog', answer: 'B' })).score).toBeGreaterThan(0.5)
    expect(await score(r, { answer: 'B' })).toMatchObject({ reason: { code: 'missing_reference' } })
    expect(await score(r, 42)).toMatchObject({ reason: { code: 'invalid_reference' } })
  })

  it.each([[''], [' \n'], [{ caption: '' }]])('an empty reference caption %j is invalid_reference', async (ref) => {
    expect(await score('<caption>a dog</caption>', ref)).toMatchObject({
      score: 0,
      valid: false,
      reason: { code: 'invalid_reference' },
      components: { bleu4: 0, rougeL: 0 },
    })
  })

  it('stays in [0, 1]', () => {
    const words = fc.array(fc.constantFrom('a', 'dog', 'runs', 'on', 'grass', '.', 'The'), {
      minLength: 1,
      maxLength: 15,
    })
    fc.assert(
      fc.property(words, words, (p, r) => {
        const v = satoriCaption(p.join(' '), r.join(' ')).score
        return v >= 0 && v <= 1
      }),
    )
  })
})
