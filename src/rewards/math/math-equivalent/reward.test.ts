import { describe, expect, it } from 'vitest'
import { runReward } from '../../../core/run-reward.js'
import { defaultRegistry } from '../../packs.js'
import { MathEquivalentParams, mathEquivalentReward } from './reward.js'

const ctx = { services: {} }
const score = (response: string, reference: unknown, params: Record<string, unknown> = {}) =>
  runReward(mathEquivalentReward, MathEquivalentParams.parse(params), { response, reference }, ctx)

describe('math-equivalent reward', () => {
  it('is registered in the math pack', () => {
    expect(defaultRegistry().packOf('math-equivalent')).toBe('math')
  })

  it.each([
    ['so \\boxed{\\frac{1}{2}}', '0.5', {}, 1, 'ok'],
    ['The answer is $3$', 3, {}, 1, 'ok'], // a number reference
    ['The answer is $4$', '3', {}, 0, 'wrong_answer'],
    ['', '3', {}, 0, 'empty_answer'],
    ['no math here', '3', {}, 0, 'unparseable_answer'],
    ['$3$', undefined, {}, 0, 'missing_reference'],
    ['$3$', { value: 3 }, {}, 0, 'invalid_reference'],
    ['$3$', '\\sqrt{?}', {}, 0, 'unparseable_answer'], // a broken reference is the dataset's fault, flagged
    ['$3$', `${'x+'.repeat(3000)}x`, {}, 0, 'too_large'],
    ['\\boxed{21}', '\\binom{7}{2}', {}, 1, 'ok'], // the binomial coefficient C(7, 2)
    ['\\boxed{2}', '\\binom{7}{2}', {}, 0, 'wrong_answer'], // not its last number
    ['$2$', '\\binom{7}', {}, 0, 'unparseable_answer'], // a broken reference guesses no number
    ['The answer is 1 234', '1234', {}, 1, 'ok'], // a space thousands separator
    ['\\boxed{5}', '5 cm', {}, 1, 'ok'], // a text reference is extracted as the response is
    ['1 and 2', '1 and 2', {}, 1, 'ok'], // the reference's own text
  ] as const)('%j vs %j → %d (%s)', (response, reference, params, value, code) => {
    const out = score(response, reference, params) as { score: number; reason: { code: string } }
    expect(out.score).toBe(value)
    expect(out.reason.code).toBe(code)
  })

  // EasyR1 / verl geo3k: score = 0.9·accuracy + 0.1·format, answer = the last \boxed{}
  it.each([
    ['<think>so</think> it is \\boxed{2}', '2', 1, { accuracy: 1, format: 1 }],
    ['it is \\boxed{2}', '2', 0.9, { accuracy: 1, format: 0 }],
    ['<think>so</think> it is \\boxed{3}', '2', 0.1, { accuracy: 0, format: 1 }],
    ['<think>so</think> \\boxed{1} then \\boxed{2}', '2', 1, { accuracy: 1, format: 1 }],
    ['<think>so</think> the answer is 2', '2', 0, { accuracy: 0, format: 0 }],
  ])('boxed form: %j → %d', (response, reference, value, components) => {
    const out = score(response, reference, { answer: 'boxed', formatWeight: 0.1 })
    expect(out).toMatchObject({ components })
    expect((out as { score: number }).score).toBeCloseTo(value, 12)
  })

  it('boxed form without a box has reason no_answer', () => {
    expect(score('the answer is 2', '2', { answer: 'boxed' })).toMatchObject({
      valid: false,
      reason: { code: 'no_answer' },
    })
  })

  it('answer-tag form reads the <answer> block, bare LaTeX included', () => {
    expect(score('<think>…</think><answer>x^2+1</answer>', '1+x^2', { answer: 'answer-tag' })).toMatchObject({
      score: 1,
    })
    expect(score('<answer>2</answer> but also $3$', '3', { answer: 'answer-tag' })).toMatchObject({ score: 0 })
  })

  it('rejects bad params with what was expected', () => {
    expect(() => MathEquivalentParams.parse({ answer: 'last-line' })).toThrowError(/free|boxed|answer-tag/)
    expect(() => MathEquivalentParams.parse({ formatWeight: 0.1 })).toThrowError(/formatWeight needs answer/)
    expect(() => MathEquivalentParams.parse({ extract: [] })).toThrowError()
    expect(() => MathEquivalentParams.parse({ floatRounding: 2.5 })).toThrowError()
  })

  it('declares components from params', () => {
    expect(mathEquivalentReward.components?.(MathEquivalentParams.parse({}))).toEqual(['accuracy'])
    expect(
      mathEquivalentReward.components?.(MathEquivalentParams.parse({ answer: 'boxed', formatWeight: 0.1 })),
    ).toEqual(['accuracy', 'format'])
  })
})
