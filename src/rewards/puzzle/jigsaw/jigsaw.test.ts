import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scoreItem } from '../../video/shared/testing.js'
import { type JigsawGrid, readGrid } from './grid.js'
import { jigsawScore } from './jigsaw.js'
import { jigsawReward } from './reward.js'

const grid = (order: number[], rows?: number, cols?: number): JigsawGrid => {
  const g = readGrid({ order, ...(rows ? { rows, cols } : {}) })
  if ('code' in g) throw new Error(`bad grid ${order}`)
  return g
}
const run = (response: string, reference: unknown, params: object = {}) =>
  scoreItem(jigsawReward, params, { response, reference })
const answer = (xs: readonly number[], sep = ' ') => `<think>…</think><answer>${xs.join(sep)}</answer>`

describe('jigsaw positions', () => {
  it.each([
    ['1 3 2 4', [1, 2, 3, 4], 0.5], // rewards.md §5b worked example (2×2): acc .5
    ['1 2 3 4', [1, 2, 3, 4], 1],
    ['1,2;3`4', [1, 2, 3, 4], 1], // ` , ; are separators
    ['1\n2\n3\n4', [1, 2, 3, 4], 1], // and newlines
    ['1 1 1 1', [1, 2, 3, 4], 0.25], // duplicates are allowed, each position is judged alone
    ['1 2 3', [1, 2, 3, 4], 0], // wrong length scores 0
    ['1 2 3 4 5', [1, 2, 3, 4], 0], // even when the first m·n are right
    ['2 1 3 5 4 6', [2, 1, 3, 4, 5, 6], 4 / 6], // 2×3 grids are fine
  ])('%j vs %j → %d', (body, order, score) => {
    const rows = order.length === 6 ? 2 : undefined
    expect(jigsawScore(`<answer>${body}</answer>`, grid(order, rows, rows ? 3 : undefined)).score).toBeCloseTo(
      score,
      12,
    )
  })
  it('scores the worked example through the reward, flat and string references alike', () => {
    expect(run(answer([1, 3, 2, 4]), [1, 2, 3, 4])).toMatchObject({ score: 0.5, valid: true })
    expect(run(answer([1, 3, 2, 4]), '1 2 3 4')).toMatchObject({ score: 0.5, valid: true })
    expect(run(answer([1, 3, 2, 4]), { order: [1, 2, 3, 4], rows: 2, cols: 2 })).toMatchObject({ score: 0.5 })
  })
})

describe('jigsaw connections (score_jigsaw_connections)', () => {
  it.each([
    // a 2×2 grid has 2·4 − 2 − 2 = 4 adjacencies
    [[1, 2, 3, 4], [3, 4, 1, 2], 2 / 4], // rows swapped: both horizontal pairs kept, both vertical pairs broken
    [[1, 2, 3, 4], [1, 3, 2, 4], 0], // the worked example keeps no neighbour pair
    [[1, 2, 3, 4], [2, 1, 4, 3], 2 / 4], // mirrored: vertical pairs survive, horizontal ones are reversed
    [[1, 2, 3, 4, 5, 6, 7, 8, 9], [4, 5, 6, 7, 8, 9, 1, 2, 3], 9 / 12], // 3×3 rows rotated: 6 horizontal + 3 vertical
    [[1, 2, 3, 4], [2, 3, 1, 4], 0], // 2 right of 1 in truth: (2,3) wraps rows, which is no adjacency
  ])('truth %j, answer %j → %d', (truth, pred, score) => {
    expect(jigsawScore(answer(pred), grid(truth), 'connections').score).toBeCloseTo(score, 12)
  })
  it('falls back to positions on a 1×1 grid (no pairs to count)', () => {
    expect(jigsawScore('<answer>1</answer>', grid([1]), 'connections').score).toBe(1)
  })
})

describe('jigsaw complete', () => {
  it.each([
    ['<answer>4 3 2 1</answer>', 1], // wrong but complete: the format half passes
    ['<answer>1 2 3</answer>', 0],
    ['<answer>1 2 3 x</answer>', 0],
  ])('%j → %d', (response, score) => {
    expect(run(response, [1, 2, 3, 4], { measure: 'complete' }).score).toBe(score)
  })
})

describe('properties', () => {
  const perm = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })).chain(([r, c]) =>
    fc.tuple(
      fc.constant(r),
      fc.constant(c),
      fc.shuffledSubarray(
        Array.from({ length: r * c }, (_, i) => i + 1),
        { minLength: r * c },
      ),
    ),
  )
  const pieces = (n: number) => fc.array(fc.integer({ min: 1, max: n }), { minLength: n, maxLength: n })
  it('accuracy is 1 iff the answer is the solution, for both measures', () => {
    fc.assert(
      fc.property(
        perm.chain(([r, c, truth]) =>
          fc.tuple(fc.constant(grid(truth, r, c)), fc.oneof(pieces(r * c), fc.constant(truth))),
        ),
        fc.constantFrom('positions' as const, 'connections' as const),
        ([g, pred], measure) => {
          const same = pred.every((p, k) => p === g.order[k])
          const v = jigsawScore(answer(pred), g, measure).score
          return v >= 0 && v <= 1 && (v === 1) === same
        },
      ),
    )
  })
  it('separators never change the score', () => {
    fc.assert(
      fc.property(perm, fc.constantFrom(' ', ',', ';', '`', '\n', ' , '), ([r, c, truth], sep) => {
        const g = grid(truth, r, c)
        const rev = [...truth].reverse()
        return jigsawScore(answer(rev, sep), g).score === jigsawScore(answer(rev), g).score
      }),
    )
  })
})

describe('bad output and bad references', () => {
  it.each([
    ['1 2 3 4', 'no_answer'], // no <answer> block
    ['<answer>  </answer>', 'empty_answer'],
    ['<answer>1 2 3 5</answer>', 'unparseable_answer'], // 5 is not a piece of a 2×2 grid
    ['<answer>0 1 2 3</answer>', 'unparseable_answer'], // pieces are 1-based
    ['<answer>1 2 3 -4</answer>', 'unparseable_answer'],
    ['<answer>1 2 3 4.0</answer>', 'unparseable_answer'], // only [0-9]+ tokens
    ['<answer>1. 2. 3. 4.</answer>', 'unparseable_answer'],
    ['<answer>１ ２ ３ ４</answer>', 'unparseable_answer'], // full-width digits are not [0-9]
    ['<answer>1 2 3 99999999999999999999999</answer>', 'unparseable_answer'], // no overflow into range
  ])('%j → invalid %s', (response, code) => {
    expect(run(response, [1, 2, 3, 4])).toMatchObject({ valid: false, score: 0, reason: { code } })
  })
  it('says what was expected on a wrong answer', () => {
    expect(run(answer([1, 3, 2, 4]), [1, 2, 3, 4]).reason).toEqual({
      code: 'wrong_answer',
      expected: '1 2 3 4',
      got: '1 3 2 4',
    })
    expect(run(answer([1, 2]), [1, 2, 3, 4]).reason).toEqual({ code: 'wrong_answer', expected: '4 pieces', got: '2' })
  })
  it.each([
    [undefined, 'missing_reference'],
    [[1, 2, 2, 4], 'invalid_reference'], // not a permutation
    [[1, 2, 3], 'invalid_reference'], // not square, and no shape given
    [{ order: [1, 2, 3, 4, 5, 6], rows: 2, cols: 2 }, 'invalid_reference'], // shape disagrees with the length
    ['1 2 x 4', 'invalid_reference'],
    [42, 'invalid_reference'],
  ])('reference %j → %s', (reference, code) => {
    expect(run(answer([1, 2, 3, 4]), reference)).toMatchObject({ valid: false, reason: { code } })
  })
  it('uses rows/cols params for a flat reference', () => {
    expect(run(answer([1, 2, 3, 4, 5, 6]), [1, 2, 3, 4, 5, 6], { rows: 2, cols: 3 })).toMatchObject({ score: 1 })
    expect(() => jigsawReward.params.parse({ rows: 0 })).toThrow()
  })
  it.each([
    ['digits', `<answer>${'1'.repeat(10_000_000)}</answer>`],
    ['pieces', `<answer>${'1 '.repeat(5_000_000)}</answer>`],
    ['no answer', 'x'.repeat(10_000_000)],
  ])('a 10 MB output of %s scores 0 in bounded time', (_, response) => {
    const t = performance.now()
    expect(run(response, [1, 2, 3, 4]).score).toBe(0)
    expect(performance.now() - t).toBeLessThan(2000)
  })
})
