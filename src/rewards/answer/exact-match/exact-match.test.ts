import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runReward } from '../../../core/run-reward.js'
import { normalizeSquad } from '../../text/token-f1/token-f1.js'
import { exactMatch, normalizeAnswer } from './exact-match.js'
import { exactMatchReward } from './reward.js'

const score = (response: string, reference: unknown, params = {}) =>
  runReward(exactMatchReward, exactMatchReward.params.parse(params), { response, reference }, { services: {} })

describe('normalizeAnswer', () => {
  it.each([
    ['The  Eiffel-Tower!', {}, 'eiffeltower'], // SQuAD: punctuation is deleted, not replaced by a space
    ['An apple', {}, 'apple'],
    ['theory of a thing', {}, 'theory of thing'], // articles only as whole words
    ['The Cat', { caseSensitive: true }, 'Cat'], // articles go in any case
    ['a, b', { punctuation: false }, ', b'],
    ['  x   y ', { whitespace: false, articles: false }, '  x   y '],
  ])('%j %j → %j', (s, opts, expected) => {
    expect(normalizeAnswer(s, opts)).toBe(expected)
  })

  it('equals SQuAD normalisation (as the text pack implements it) with the defaults', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'n', 't', 'h', 'e', ' ', 'A', 'The', '.', '-', '\n', 'x') }),
        (s) => {
          expect(normalizeAnswer(s)).toBe(normalizeSquad(s))
        },
      ),
    )
  })
})

describe('exactMatch', () => {
  it.each([
    ['The cat.', ['cat'], true],
    ['cats', ['cat'], false],
    ['Paris', ['London', 'paris'], true], // any reference
    ['the', ['a'], false], // an answer that normalises to nothing never matches
    ['!!!', ['?'], false],
  ])('%j vs %j → %s', (a, refs, expected) => {
    expect(exactMatch(a, refs)).toBe(expected)
  })
})

describe('the reward', () => {
  it('scores the answer block against the references', async () => {
    expect(await score('<answer>The Eiffel Tower.</answer>', ['eiffel tower'])).toMatchObject({ score: 1, valid: true })
    expect(await score('<answer>Tower</answer>', 'eiffel tower')).toMatchObject({
      score: 0,
      reason: { code: 'wrong_answer', expected: 'eiffel tower', got: 'Tower' },
    })
    expect(
      await score('<answer>Cat</answer>', 'cat', { caseSensitive: true, punctuation: false, articles: false }),
    ).toMatchObject({ score: 0 })
    expect(await score('<answer>42</answer>', 42)).toMatchObject({ score: 1 }) // a numeric reference
  })

  it('invalid on a missing reference or answer', async () => {
    expect(await score('<answer>x</answer>', undefined)).toMatchObject({
      valid: false,
      reason: { code: 'missing_reference' },
    })
    expect(await score('x', 'x')).toMatchObject({ valid: false, reason: { code: 'no_answer' } })
    expect(await score('<answer>  </answer>', 'x')).toMatchObject({ valid: false, reason: { code: 'empty_answer' } })
  })

  it('the answer itself always matches as a reference', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (s) => {
        if (normalizeAnswer(s).trim() !== '') expect(exactMatch(s, [s])).toBe(true)
      }),
    )
  })
})
