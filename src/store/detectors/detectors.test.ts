import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { accuracyOf, rolloutFlags } from './rollout.js'
import { componentCollapse, lengthCorrelationDrift } from './step.js'
import { comparable, isOptionList, lastConclusion, repetitionRatio } from './text.js'

describe('text signals', () => {
  it.each([
    ['so the answer is (B).', 'B'],
    ['Therefore, 12.5 cm', '12.5'],
    ['the answer is: c', 'C'],
    ['I think it is blue.', undefined], // no conclusion marker: never compared
    ['therefore the cat', undefined], // free text is not comparable (no false alarms on paraphrase)
    ['answer is A then later therefore D', 'D'], // the last conclusion wins
  ])('lastConclusion(%j) = %j', (think, expected) => {
    expect(lastConclusion(think)).toBe(expected)
  })

  it.each([
    [' (c) ', 'C'],
    ['42', '42'],
    ['-3.50', '-3.5'],
    ['Apple', undefined], // a word starting with a letter option is not that option
  ])('comparable(%j) = %j', (text, expected) => {
    expect(comparable(text)).toBe(expected)
  })

  it.each([
    ['A, B, C, D', true],
    ['A or B or C', true],
    ['B', false], // one option is an answer
    ['A and B', false], // two is a hedge, not a list
    ['the answer is A, B, C', false], // prose
  ])('isOptionList(%j) = %s', (text, expected) => {
    expect(isOptionList(text)).toBe(expected)
  })

  it('rates loops high and plain prose low', () => {
    expect(repetitionRatio('I need to look again. '.repeat(30))).toBeGreaterThan(0.8)
    const prose = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ')
    expect(repetitionRatio(prose)).toBe(0)
    expect(repetitionRatio('short text')).toBe(0)
  })

  it('never throws and stays in [0, 1] on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (s) => {
        const r = repetitionRatio(s)
        lastConclusion(s)
        comparable(s)
        isOptionList(s)
        return r >= 0 && r <= 1
      }),
    )
  })

  it('reads a bounded prefix of enormous output in bounded time', () => {
    const big = 'lorem ipsum '.repeat(1_000_000)
    const t = performance.now()
    rolloutFlags({ response: `<think>${big}</think><answer>B</answer>`, score: 1, components: {} })
    expect(performance.now() - t).toBeLessThan(1000)
  })
})

describe('rolloutFlags', () => {
  const image = { width: 1000, height: 1000 }
  const gt = { boxes: [[100, 100, 200, 200]], points: [] }
  it.each([
    // a whole-image box that earned some IoU against a small object
    [{ predicted: { boxes: [[0, 0, 1000, 1000]], points: [] }, groundTruth: gt, score: 0.01 }, ['whole-image-box']],
    // the same box earning nothing is not a hack that pays
    [{ predicted: { boxes: [[0, 0, 1000, 1000]], points: [] }, groundTruth: gt, score: 0 }, []],
    // a large object makes a large box honest
    [
      {
        predicted: { boxes: [[0, 0, 1000, 1000]], points: [] },
        groundTruth: { boxes: [[0, 0, 900, 900]], points: [] },
        score: 0.8,
      },
      [],
    ],
    // twelve boxes for one object
    [
      {
        predicted: { boxes: Array.from({ length: 12 }, (_, i) => [i, i, i + 50, i + 50]), points: [] },
        groundTruth: gt,
        score: 0.3,
      },
      ['sprayed-boxes'],
    ],
  ])('%j → %j', (s, expected) => {
    expect(
      rolloutFlags({ response: '<answer>x</answer>', components: {}, ...image, ...s, width: 1000, height: 1000 }),
    ).toEqual(expected)
  })

  it.each([
    ['<think>so the answer is (B).</think><answer>C</answer>', 1, ['answer-contradicts-reasoning']],
    ['<think>so the answer is (C).</think><answer>C</answer>', 1, []], // agreement
    ['<think>so the answer is (B).</think><answer>C</answer>', 0, []], // a contradiction that scored nothing
    ['<answer>A, B, C, D</answer>', 0.4, ['option-list-answer']],
    ['<answer>  </answer>', 0.5, ['empty-answer-scores']],
  ])('%j scoring %d → %j', (response, score, expected) => {
    expect(rolloutFlags({ response, score, components: {} })).toEqual(expected)
  })

  it('judges accuracy without format and shaping components', () => {
    expect(accuracyOf({ format: 1, 'repetition-penalty': -0.1 }, 0.9)).toBe(0.9) // none: the score
    expect(accuracyOf({ format: 1, accuracy: 0 }, 1)).toBe(0)
  })
})

describe('step detectors', () => {
  it('flags a rise of the length–reward correlation, not a steady one', () => {
    expect(lengthCorrelationDrift([0, 1, 2, 3], [0.05, 0.1, 0.3, 0.7]).map((f) => f.step)).toEqual([3])
    expect(lengthCorrelationDrift([0, 1, 2, 3], [0.6, 0.6, 0.6, 0.7])).toEqual([]) // always correlated: no drift
    expect(lengthCorrelationDrift([0, 1, 2], [Number.NaN, 0.1, 0.9])).toEqual([]) // the baseline is the first two finite steps; nothing after it
  })

  it('flags a component that stops varying after it varied', () => {
    const m = (std: number, n = 32) => ({ n, mean: 1, std })
    expect(componentCollapse([0, 1, 2], { f: [m(0.3), m(0), m(0)] }).map((f) => f.step)).toEqual([1, 2])
    expect(componentCollapse([0, 1], { f: [m(0), m(0)] })).toEqual([]) // constant from the start: a design choice
    expect(componentCollapse([0, 1], { f: [m(0.3), m(0, 4)] })).toEqual([]) // too few rollouts to tell
  })
})
