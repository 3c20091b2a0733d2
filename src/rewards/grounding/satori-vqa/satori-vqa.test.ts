import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RewardOutput } from '../../../core/index.js'
import { SatoriVqaParams, satoriVqaReward } from './reward.js'

function run(response: string, reference: unknown): RewardOutput {
  return satoriVqaReward.score({
    response,
    reference,
    item: { response, reference },
    params: SatoriVqaParams.parse({}),
    context: { services: {} },
  }) as RewardOutput
}

describe('satori-vqa: exact match in the list (rewards.md §5a)', () => {
  it.each([
    ['<caption>x</caption><bbox>[[1,2,3,4]]</bbox><answer> red </answer>', ['red', 'crimson'], 1], // stripped
    ['<answer>Red</answer>', ['red'], 0], // case counts
    ['<answer>red.</answer>', ['red'], 0], // punctuation counts
    ['<answer>red</answer>', 'red', 1], // a single string reference
    ['<answer>blue</answer><answer>red</answer>', ['red'], 0], // the first block, as SATORI's re.search
    ['<answer>red</answer>', ['red and blue'], 0], // not a substring test
  ])('%j in %j → %d', (response, reference, expected) => {
    expect(run(response, reference).score).toBe(expected)
  })
})

describe('satori-vqa: hack resistance', () => {
  it.each([
    ['empty answer against an empty acceptable answer', '<answer> </answer>', ['', 'red']],
    ['no answer block', 'red', ['red']],
    ['every option listed', '<answer>red, blue, green</answer>', ['red']],
    ['copied from the prompt', '<answer>What colour is the car? Options: red, blue.</answer>', ['red']],
  ])('%s scores 0', (_, response, reference) => {
    expect(run(response, reference).score).toBe(0)
  })
  it.each([[undefined], [[]], [['']], [[1, 2]], [{ answer: 'red' }]])('reference %j is invalid', (reference) => {
    expect(run('<answer>red</answer>', reference).valid).toBe(false)
  })
  it('matches exactly the stripped answer', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ maxLength: 20 }), (answer, other) => {
        fc.pre(answer.trim() !== '' && !answer.includes('<') && !answer.includes('>'))
        expect(run(`<answer>${answer}</answer>`, [answer.trim()]).score).toBe(1)
        if (other !== answer.trim()) expect(run(`<answer>${answer}</answer>`, [other]).score).toBe(0)
      }),
    )
  })
})
