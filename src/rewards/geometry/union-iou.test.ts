import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type BoxXYXY, isProperBox } from './box.js'
import { iou } from './iou.js'
import { UNION_IOU_MAX_BOXES, unionAreas, unionIou } from './union-iou.js'

const intBox = fc
  .tuple(
    fc.integer({ min: 0, max: 60 }),
    fc.integer({ min: 0, max: 60 }),
    fc.integer({ min: 1, max: 40 }),
    fc.integer({ min: 1, max: 40 }),
  )
  .map(([x, y, w, h]): BoxXYXY => [x, y, x + w, y + h])
const realBox = fc
  .tuple(
    fc.double({ min: -100, max: 100, noNaN: true }),
    fc.double({ min: -100, max: 100, noNaN: true }),
    fc.double({ min: 0.001, max: 100, noNaN: true }),
    fc.double({ min: 0.001, max: 100, noNaN: true }),
  )
  .map(([x, y, w, h]): BoxXYXY => [x, y, x + w, y + h])
  .filter(isProperBox)

/** Brute-force areas on the unit grid, for integer boxes in [0, 100]². */
function rasterAreas(a: readonly BoxXYXY[], b: readonly BoxXYXY[]): { intersection: number; union: number } {
  const inside = (set: readonly BoxXYXY[], x: number, y: number) =>
    set.some((r) => r[0] <= x && x + 1 <= r[2] && r[1] <= y && y + 1 <= r[3])
  let intersection = 0
  let union = 0
  for (let y = 0; y < 100; y++)
    for (let x = 0; x < 100; x++) {
      const pa = inside(a, x, y)
      const pb = inside(b, x, y)
      if (pa || pb) union++
      if (pa && pb) intersection++
    }
  return { intersection, union }
}

describe('unionAreas / unionIou', () => {
  it.each([
    // rewards.md 5a worked example (SATORI): union of the predictions is 175, of everything 225
    [
      [
        [0, 0, 10, 10],
        [5, 5, 15, 15],
      ],
      [[0, 0, 15, 15]],
      175,
      225,
    ],
    // nested boxes add nothing to a union
    [
      [
        [0, 0, 10, 10],
        [2, 2, 4, 4],
      ],
      [[0, 0, 10, 10]],
      100,
      100,
    ],
    // disjoint sets
    [[[0, 0, 1, 1]], [[5, 5, 6, 6]], 0, 2],
    // improper boxes cover nothing: inverted, degenerate, NaN
    [
      [
        [10, 10, 0, 0],
        [3, 3, 3, 9],
        [Number.NaN, 0, 1, 1],
      ],
      [[0, 0, 10, 10]],
      0,
      100,
    ],
    // empty sets
    [[], [], 0, 0],
  ] as [BoxXYXY[], BoxXYXY[], number, number][])('%j vs %j', (a, b, inter, union) => {
    expect(unionAreas(a, b)).toEqual({ intersection: inter, union })
  })

  it('gives .778 on the SATORI example', () => {
    expect(
      unionIou(
        [
          [0, 0, 10, 10],
          [5, 5, 15, 15],
        ],
        [[0, 0, 15, 15]],
      ),
    ).toBeCloseTo(175 / 225, 12)
  })

  it('matches a brute-force raster on integer boxes', () => {
    fc.assert(
      fc.property(fc.array(intBox, { maxLength: 6 }), fc.array(intBox, { maxLength: 6 }), (a, b) => {
        expect(unionAreas(a, b)).toEqual(rasterAreas(a, b))
      }),
      { numRuns: 60 },
    )
  })

  it('equals plain IoU for single boxes', () => {
    fc.assert(fc.property(realBox, realBox, (a, b) => Math.abs(unionIou([a], [b]) - iou(a, b)) < 1e-9))
  })

  it('is symmetric and in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(realBox, { maxLength: 5 }), fc.array(realBox, { maxLength: 5 }), (a, b) => {
        const v = unionIou(a, b)
        return v >= 0 && v <= 1 && Math.abs(v - unionIou(b, a)) < 1e-12
      }),
    )
  })

  it('bounds the work: boxes past the cap are ignored', () => {
    const many: BoxXYXY[] = Array.from({ length: UNION_IOU_MAX_BOXES + 50 }, (_, i) => [i, i, i + 1, i + 1])
    const t = performance.now()
    const { union } = unionAreas(many, [])
    expect(union).toBe(UNION_IOU_MAX_BOXES)
    expect(performance.now() - t).toBeLessThan(2000)
  })
})
