import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type BoxXYXY, boxArea, clipBox, cxcywhToXyxy, isProperBox, xywhToXyxy, xyxyToXywh } from './box.js'
import { giou, iou, iouPixelInclusive } from './iou.js'

/** Proper boxes with integer-ish coordinates, as models emit them. */
const properBox = fc
  .tuple(
    fc.double({ min: -1000, max: 1000, noNaN: true }),
    fc.double({ min: -1000, max: 1000, noNaN: true }),
    fc.double({ min: 0.01, max: 1000, noNaN: true }),
    fc.double({ min: 0.01, max: 1000, noNaN: true }),
  )
  .map(([x, y, w, h]): BoxXYXY => [x, y, x + w, y + h])
  .filter(isProperBox)
/** Anything four numbers can be: NaN, infinities, inverted, degenerate. */
const anyBox = fc.tuple(fc.double(), fc.double(), fc.double(), fc.double()) as fc.Arbitrary<BoxXYXY>

describe('box conversions', () => {
  it.each([
    ['xywh', xywhToXyxy([10, 20, 30, 40]), [10, 20, 40, 60]],
    ['cxcywh', cxcywhToXyxy([25, 40, 30, 40]), [10, 20, 40, 60]],
    ['xyxy→xywh', xyxyToXywh([10, 20, 40, 60]), [10, 20, 30, 40]],
    ['clip', clipBox([-10, 5, 120, 80], 100, 50), [0, 5, 100, 50]],
  ])('%s', (_, got, want) => expect(got).toEqual(want))

  it.each([
    [[10, 10, 50, 50], 1600], // plain
    [[5, 5, 5, 9], 0], // degenerate: zero width
    [[50, 50, 10, 10], 0], // inverted on both axes: w·h would be positive, must not count
    [[0, Number.NaN, 1, 1], 0], // NaN
    [[0, 0, Number.POSITIVE_INFINITY, 1], 0], // infinite area is not an area
  ] as [BoxXYXY, number][])('area %j = %d', (b, want) => expect(boxArea(b)).toBe(want))

  it('round-trips xywh', () => {
    fc.assert(fc.property(properBox, (b) => xywhToXyxy(xyxyToXywh(b)).every((v, i) => Math.abs(v - b[i]!) < 1e-9)))
  })
})

describe('iou', () => {
  it.each([
    [[10, 10, 50, 50], [12, 12, 50, 50], 0.9025], // rewards.md 1a worked example: 1444/1600
    [[100, 100, 200, 200], [110, 100, 210, 200], 9000 / 11000], // rewards.md 2a example
    [[0, 0, 1, 1], [1, 0, 2, 1], 0], // touching edges do not overlap
    [[0, 0, 2, 2], [1, 1, 3, 3], 1 / 7], // STYLE.md example
    [[50, 50, 10, 10], [10, 10, 50, 50], 0], // inverted: never repaired into a match
    [[10, 10, 10, 50], [10, 10, 50, 50], 0], // degenerate
    [[Number.NaN, 10, 50, 50], [10, 10, 50, 50], 0], // NaN
    [[Number.NEGATIVE_INFINITY, 0, Number.POSITIVE_INFINITY, 1], [0, 0, 1, 1], 0], // infinite box
    [[-20, -20, 20, 20], [0, 0, 20, 20], 0.25], // negative coordinates are legal geometry
  ] as [BoxXYXY, BoxXYXY, number][])('%j vs %j → %d', (a, b, want) => {
    expect(iou(a, b)).toBeCloseTo(want, 12)
  })

  it('is symmetric and in [0, 1] for any four numbers', () => {
    fc.assert(
      fc.property(anyBox, anyBox, (a, b) => {
        const v = iou(a, b)
        return v >= 0 && v <= 1 && Object.is(v, iou(b, a))
      }),
    )
  })
  it('is exactly 1 for a proper box with itself', () => {
    fc.assert(fc.property(properBox, (a) => iou(a, a) === 1))
  })
  it('is scale invariant', () => {
    fc.assert(
      fc.property(properBox, properBox, fc.double({ min: 0.01, max: 100, noNaN: true }), (a, b, k) => {
        const s = (x: BoxXYXY): BoxXYXY => [x[0] * k, x[1] * k, x[2] * k, x[3] * k]
        return Math.abs(iou(s(a), s(b)) - iou(a, b)) < 1e-9
      }),
    )
  })
})

describe('iouPixelInclusive', () => {
  it.each([
    [[100, 100, 200, 200], [110, 100, 210, 200], 9000 / 11000], // rewards.md 2a: same as continuous here
    [[0, 0, 10, 10], [9, 0, 20, 10], 0], // a 1 px overlap counts as 0 (continuous IoU would be 10/200)
    [[0, 0, 10, 10], [8, 0, 20, 10], 20 / 200], // 2 px overlap: (ix2-ix1+1)=2 → 20, union 100+120-20
    [[0, 0, 1, 1], [0, 0, 1, 1], 0], // 1 px boxes never overlap under this definition
    [[10, 10, 0, 0], [0, 0, 10, 10], 0], // inverted: the reference divides by a bogus union; we give 0
  ] as [BoxXYXY, BoxXYXY, number][])('%j vs %j → %d', (a, b, want) => {
    expect(iouPixelInclusive(a, b)).toBeCloseTo(want, 12)
  })
  it('equals iou whenever the overlap exceeds 1 px on both axes', () => {
    fc.assert(
      fc.property(properBox, properBox, (a, b) => {
        const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0])
        const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1])
        const px = iouPixelInclusive(a, b)
        if (w > 1 && h > 1) return Math.abs(px - iou(a, b)) < 1e-9
        return px === 0
      }),
    )
  })
  it('is symmetric and in [0, 1]', () => {
    fc.assert(
      fc.property(anyBox, anyBox, (a, b) => {
        const v = iouPixelInclusive(a, b)
        return v >= 0 && v <= 1 && Object.is(v, iouPixelInclusive(b, a))
      }),
    )
  })
})

describe('giou', () => {
  it.each([
    [[0, 0, 2, 2], [3, 0, 5, 2], -0.2], // disjoint: 0 − (10 − 8)/10
    [[0, 0, 2, 2], [0, 0, 2, 2], 1], // identical
    [[0, 0, 4, 4], [1, 1, 1, 1], -0], // a point inside: iou 0, C = U → 0
    [[0, 0, 1, 1], [9, 9, 10, 10], 2 / 100 - 1], // far apart tends to −1
    [[5, 5, 0, 0], [0, 0, 5, 5], -1], // inverted → worst
    [[0, 0, Number.NaN, 1], [0, 0, 1, 1], -1], // NaN → worst
    [[1, 1, 1, 1], [1, 1, 1, 1], -1], // enclosing box of zero area → worst
  ] as [BoxXYXY, BoxXYXY, number][])('%j vs %j → %d', (a, b, want) => {
    expect(giou(a, b)).toBeCloseTo(want, 12)
  })
  it('is symmetric, in [−1, 1], ≤ iou, and 1 on identical proper boxes', () => {
    fc.assert(
      fc.property(anyBox, anyBox, (a, b) => {
        const v = giou(a, b)
        return v >= -1 && v <= 1 && Object.is(v, giou(b, a)) && v <= iou(a, b) + 1e-12
      }),
    )
    fc.assert(fc.property(properBox, (a) => Math.abs(giou(a, a) - 1) < 1e-12))
  })
})
