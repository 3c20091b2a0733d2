import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runReward } from '../../../core/run-reward.js'
import { mcq, mcqReference } from './mcq.js'
import { mcqReward } from './reward.js'

const score = (response: string, reference: unknown, params = {}) =>
  runReward(mcqReward, mcqReward.params.parse(params), { response, reference }, { services: {} })

describe('mcq', () => {
  it.each([
    ['B', 'B', true],
    ['(B)', 'B', true],
    ['B. The dog is brown', 'B', true],
    ['The answer is **C**.', 'C', true], // markdown emphasis
    ['Comparing A and B, I choose D', 'D', true], // the end pattern beats lone letters
    ['Option A is wrong, so the answer is B', 'B', true],
    ['A', 'B', false],
  ])('%j with key %s → %s', (answer, letter, correct) => {
    expect(mcq(answer, { letter }).correct).toBe(correct)
  })

  it.each([
    ['A, B or C'], // the hack the issue names
    ['(A) and (B)'],
    ['A/B'],
    ['The answer is B or C'],
  ])('%j lists several options: suspected_hack, never a match', (answer) => {
    const d = mcq(answer, { letter: 'B' })
    expect(d.correct).toBe(false)
    expect(d.reason.code).toBe('suspected_hack')
  })

  it('falls back to an exact option text, and refuses ambiguous texts', () => {
    expect(mcq('a brown dog', { letter: 'B', options: ['a cat', 'A brown dog.'] }).correct).toBe(true)
    expect(mcq('cat', { letter: 'A', options: ['cat', 'cat'] }).reason.code).toBe('unparseable_answer')
  })

  it('exact mode compares the stripped answer (VideoRFT)', () => {
    expect(mcq(' B ', { letter: 'B' }, { extract: 'exact' }).correct).toBe(true)
    expect(mcq('(B)', { letter: 'B' }, { extract: 'exact' }).correct).toBe(false)
  })

  it('reads references', () => {
    expect(mcqReference('(B)')).toEqual({ letter: 'B' })
    expect(mcqReference('C. a cat')).toEqual({ letter: 'C' })
    expect(mcqReference({ answer: 'A', options: ['x', 'y'] })).toEqual({ letter: 'A', options: ['x', 'y'] })
    expect(mcqReference('Banana')).toBeUndefined()
    expect(mcqReference(2)).toBeUndefined()
  })
})

describe('the reward', () => {
  it('scores from the <answer> block by default', async () => {
    expect(await score('<think>It is C</think><answer>B</answer>', 'B')).toMatchObject({ score: 1, valid: true })
    expect(await score('<answer>C</answer>', 'B')).toMatchObject({
      score: 0,
      valid: true,
      reason: { code: 'wrong_answer', expected: 'B', got: 'C' },
    })
    expect(await score('The answer is B', 'B', { answerFrom: 'whole' })).toMatchObject({ score: 1 })
  })

  it('never passes a missing answer, a missing or bad reference, or a letter outside the options', async () => {
    expect(await score('B', 'B')).toMatchObject({ valid: false, reason: { code: 'no_answer' } })
    expect(await score('<answer></answer>', 'B')).toMatchObject({ valid: false, reason: { code: 'empty_answer' } })
    expect(await score('<answer>B</answer>', undefined)).toMatchObject({
      valid: false,
      reason: { code: 'missing_reference' },
    })
    expect(await score('<answer>B</answer>', 42)).toMatchObject({ valid: false, reason: { code: 'invalid_reference' } })
    expect(await score('<answer>E</answer>', { answer: 'A', options: ['x', 'y'] })).toMatchObject({
      valid: false,
      reason: { code: 'unparseable_answer' },
    })
    expect(await score('<answer>B</answer>', 'E', { letters: 'ABCD' })).toMatchObject({
      reason: { code: 'invalid_reference' },
    })
  })

  it('rejects bad letters at compile time', () => {
    expect(() => mcqReward.params.parse({ letters: 'abc' })).toThrow(/upper-case/)
  })

  it('scores a 10 MB response in bounded time', async () => {
    const t = performance.now()
    const out = await score(`<answer>${'A or '.repeat(2_000_000)}</answer>`, 'A')
    expect(out).toMatchObject({ valid: false, reason: { code: 'too_large' } })
    expect(performance.now() - t).toBeLessThan(3000)
  })
})

describe('properties', () => {
  const letter = fc.constantFrom('A', 'B', 'C', 'D', 'E')
  const template = fc.constantFrom('X', '(X)', 'X.', 'The answer is X.', '**X**', 'I think the correct option is (X)')
  it('a clean answer is right exactly when it names the key', () => {
    fc.assert(
      fc.property(letter, letter, template, (said, key, t) => {
        expect(mcq(t.replace('X', said), { letter: key }).correct).toBe(said === key)
      }),
    )
  })

  it('listing two or more different options never scores', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(letter, { minLength: 2, maxLength: 5 }),
        fc.constantFrom(', ', ' or ', ' and ', '/'),
        letter,
        (ls, sep, key) => {
          expect(mcq(`The answer is ${ls.join(sep)}`, { letter: key }).correct).toBe(false)
        },
      ),
    )
  })
})
