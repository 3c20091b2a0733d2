import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RewardOutput } from '../../../core/index.js'
import { CountParams, countReward } from './reward.js'

function run(response: string, reference: unknown, params: Record<string, unknown> = {}): RewardOutput {
  return countReward.score({
    response,
    reference,
    item: { response, reference },
    params: CountParams.parse(params),
    context: { services: {} },
  }) as RewardOutput
}
const score = (response: string, reference: unknown, params?: Record<string, unknown>) =>
  run(response, reference, params).score

describe('count: digits and number words', () => {
  it.each([
    ['<answer>7</answer>', 7, 1],
    ['<answer>seven</answer>', 7, 1], // number words: neither lmms-eval parser reads them
    ['<answer>Seven apples.</answer>', 7, 1],
    ['<answer>twenty-one</answer>', 21, 1],
    ['<answer>1,024</answer>', 1024, 1], // a thousands separator, not two numbers
    ['<answer>There are 7 cars: I counted 7.</answer>', 7, 1], // prose repeating one value
    ['7', 7, 1], // no tags: the whole output (default tag-or-whole)
    ['<answer>0</answer>', 0, 1],
    ['<answer>none</answer>', 0, 0], // "none" is not a number word
    ['<answer>8</answer>', 7, 0],
    ['<answer>7</answer>', '7', 1], // a string reference
  ])('%j vs %j → %d', (response, reference, expected) => {
    expect(score(response, reference)).toBe(expected)
  })
})

describe('count: relative error', () => {
  it.each([
    ['<answer>6</answer>', 8, 0.75],
    ['<answer>10</answer>', 8, 0.75],
    ['<answer>16</answer>', 8, 0], // off by 100 %: floored at 0
    ['<answer>1</answer>', 0, 0], // a true count of 0 divides by 1, not 0
    ['<answer>0</answer>', 0, 1],
  ])('%j vs %d → %f', (response, reference, expected) => {
    expect(score(response, reference, { match: 'relative' })).toBeCloseTo(expected, 12)
  })
})

describe('count: the lmms-eval parsers', () => {
  it.each([
    ['first-integer', '<answer>I see 3 or 4</answer>', 3, 1], // pixmo_count takes the first \d+
    ['first-integer', '<answer>three</answer>', 3, 0], // and misses words
    ['exact-string', '<answer> 3 </answer>', 3, 1], // countbenchqa: pred.strip() == str(n)
    ['exact-string', '<answer>3.</answer>', 3, 0],
  ])('%s %j vs %d → %d', (parse, response, reference, expected) => {
    expect(score(response, reference, { parse })).toBe(expected)
  })
})

describe('count: hack resistance (no higher than an honest, imperfect count)', () => {
  const honest = score('<answer>6</answer>', 7, { match: 'relative' }) // 0.857
  it.each([
    ['hedging two values', '<answer>6 or 7</answer>'],
    ['a list of every count', '<answer>1, 2, 3, 4, 5, 6, 7, 8, 9</answer>'],
    ['a range', '<answer>between 5 and 9</answer>'],
    ['negative', '<answer>-7</answer>'],
    ['a fraction of the truth', '<answer>7.5</answer>'],
    ['a percentage', '<answer>100%</answer>'],
    ['empty', '<answer></answer>'],
    ['copied from the prompt', '<answer>How many birds are on the wire?</answer>'],
    ['a huge number', '<answer>1e308</answer>'],
  ])('%s', (_, response) => {
    expect(honest).toBeGreaterThan(0.8)
    expect(score(response, 7, { match: 'relative' })).toBeLessThan(honest)
    expect(score(response, 7)).toBe(0)
  })
  it.each([[undefined], [-1], [2.5], ['many'], [[7]]])('reference %j is invalid', (reference) => {
    expect(run('<answer>7</answer>', reference).valid).toBe(false)
  })
})

describe('count: properties', () => {
  it('exact is 1 only for the true count; relative is in [0, 1] and 1 only there', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (pred, truth) => {
        const out = run(`<answer>${pred}</answer>`, truth)
        expect(out.components?.exact).toBe(pred === truth ? 1 : 0)
        const rel = out.components?.relative ?? -1
        expect(rel).toBeGreaterThanOrEqual(0)
        expect(rel).toBeLessThanOrEqual(1)
        expect(rel === 1).toBe(pred === truth)
      }),
    )
  })
})
