import { existsSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cocoEvaluate } from './coco-evaluate.js'
import { type CocoDetection, type CocoGroundTruth, CocoInputError } from './dataset.js'
import { linspace, pairwiseSum, pairwiseSumF64 } from './params.js'

const FIXTURE = '../shared/conformance/coco'
// CI always has ../shared beside the clone: there a missing fixture is a failure, not a skip
const hasFixture = existsSync(`${FIXTURE}/instances_val2014_100.json`) || process.env.CI === 'true'

describe('cocoEvaluate on the conformance fixture', () => {
  // the 12 numbers pycocotools prints for the COCO API's own test results (conformance/coco/README.md)
  const want = [
    0.5045806987249628, 0.6969727247299577, 0.5729816669904824, 0.5856257209410443, 0.5193996948036719,
    0.5013978986347466, 0.38681277964578054, 0.5936795762842003, 0.595352982877607, 0.6398109626113442,
    0.5664205978994309, 0.5642905982905982,
  ]
  it.skipIf(!hasFixture)('reproduces all 12 stats of pycocotools within 1e-12', () => {
    const gt = JSON.parse(readFileSync(`${FIXTURE}/instances_val2014_100.json`, 'utf8')) as CocoGroundTruth
    const dt = JSON.parse(
      readFileSync(`${FIXTURE}/instances_val2014_fakebbox100_results.json`, 'utf8'),
    ) as CocoDetection[]
    const { stats, precision, shape } = cocoEvaluate(gt, dt, { arrays: true })
    expect(stats).toHaveLength(12)
    for (const [i, s] of stats.entries()) expect(Math.abs(s - (want[i] as number))).toBeLessThan(1e-12)
    expect(shape).toEqual({ T: 10, R: 101, K: 80, A: 4, M: 3 })
    // asking for the arrays computes every maxDets slice and must not change the stats
    expect(cocoEvaluate(gt, dt).stats).toEqual(stats)
    expect(precision?.length).toBe(10 * 101 * 80 * 4 * 3)
  })
})

const one = (
  bbox: number[],
  extra: Partial<{ area: number; iscrowd: number; id: number; category_id: number }> = {},
) => ({
  id: 1,
  image_id: 1,
  category_id: 1,
  bbox,
  area: (bbox[2] as number) * (bbox[3] as number),
  ...extra,
})
const gtOf = (annotations: ReturnType<typeof one>[], cats = [{ id: 1 }]): CocoGroundTruth => ({
  images: [{ id: 1 }],
  categories: cats,
  annotations: annotations.map((a, i) => ({ ...a, id: a.id === 1 ? i + 1 : a.id })),
})
const det = (bbox: number[], score = 1, category_id = 1): CocoDetection => ({ image_id: 1, category_id, bbox, score })

describe('cocoEvaluate semantics', () => {
  it('gives 1 for a perfect detection and −1 where an area range has no ground truth', () => {
    const { stats } = cocoEvaluate(gtOf([one([0, 0, 200, 200])]), [det([0, 0, 200, 200])])
    // a large box: AP/AR small and medium are undefined (−1), everything else 1
    // precision is tp/(tp + fp + np.spacing(1)), so a perfect AP is 1 − 2.2e-16 in pycocotools too
    const want = [1, 1, 1, -1, -1, 1, 1, 1, 1, -1, -1, 1]
    for (const [i, s] of stats.entries()) expect(s).toBeCloseTo(want[i] as number, 14)
    expect(stats[0]).toBeLessThan(1)
  })

  it('reproduces the rewards.md 2b example: IoU .82 then a miss, two gts → 7/10 × 51/101', () => {
    // gt A = [0,0,100,100]; det 1 has IoU 0.82 with A (82×100 / 100×100), det 2 misses; gt B is never found
    const gt = gtOf([one([0, 0, 100, 100]), one([500, 500, 100, 100])])
    const { stats } = cocoEvaluate(gt, [det([0, 0, 82, 100]), det([300, 300, 10, 10])])
    expect(stats[0]).toBeCloseTo((7 / 10) * (51 / 101), 12)
    expect(stats[1]).toBeCloseTo(51 / 101, 12)
  })

  it('lets a crowd gt absorb any number of detections without false positives', () => {
    const gt = gtOf([one([0, 0, 100, 100]), one([0, 0, 400, 400], { iscrowd: 1 })])
    const dets = [det([0, 0, 100, 100], 0.9), det([200, 200, 50, 50], 0.8), det([250, 250, 50, 50], 0.7)]
    expect(cocoEvaluate(gt, dets).stats[0]).toBeCloseTo(1, 15)
    // without the crowd region those two extra detections are false positives after a true one: AP stays 1
    // (precision is interpolated from the right); placed first they would cost precision
    const early = [det([200, 200, 50, 50], 0.99), det([0, 0, 100, 100], 0.9)]
    expect(cocoEvaluate(gtOf([one([0, 0, 100, 100])]), early).stats[1]).toBeCloseTo(0.5, 12)
    expect(cocoEvaluate(gt, early).stats[1]).toBeCloseTo(1, 15)
  })

  it('sorts by score, stably: the order of equal scores decides', () => {
    const gt = gtOf([one([0, 0, 100, 100])])
    const hitFirst = cocoEvaluate(gt, [det([0, 0, 100, 100]), det([500, 500, 10, 10])]).stats[1]
    const missFirst = cocoEvaluate(gt, [det([500, 500, 10, 10]), det([0, 0, 100, 100])]).stats[1]
    expect(hitFirst).toBeCloseTo(1, 15)
    expect(missFirst).toBeCloseTo(0.5, 12)
  })

  it('uses the annotation area, not the box area, for the area ranges', () => {
    // a 200×200 box whose segmentation area is small counts as "small"
    const { stats } = cocoEvaluate(gtOf([one([0, 0, 200, 200], { area: 500 })]), [det([0, 0, 200, 200])])
    expect(stats[3]).toBeCloseTo(1, 15)
    expect(stats[5]).toBe(-1)
  })

  it('gives 0, not −1, for a category with ground truth but no detection', () => {
    expect(cocoEvaluate(gtOf([one([0, 0, 10, 10])]), []).stats[0]).toBe(0)
  })

  it('gives IoU 0 to non-finite and inverted boxes (pycocotools would let NaN match)', () => {
    const gt = gtOf([one([0, 0, 100, 100])])
    expect(cocoEvaluate(gt, [det([Number.NaN, 0, 100, 100])]).stats[0]).toBe(0)
    expect(cocoEvaluate(gt, [det([100, 100, -100, -100])]).stats[0]).toBe(0)
  })

  it('rejects detections on images the ground truth lacks, as loadRes does', () => {
    expect(() => cocoEvaluate(gtOf([]), [{ ...det([0, 0, 1, 1]), image_id: 7 }])).toThrowError(CocoInputError)
  })
})

/** numpy's `pairwise_sum_DOUBLE` as written there, recursion and all: the definition `pairwiseSumF64` replays. */
function numpyPairwiseSum(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0
    for (let i = 0; i < n; i++) res += a[start + i] as number
    return res
  }
  if (n <= 128) {
    let r0 = a[start] as number
    let r1 = a[start + 1] as number
    let r2 = a[start + 2] as number
    let r3 = a[start + 3] as number
    let r4 = a[start + 4] as number
    let r5 = a[start + 5] as number
    let r6 = a[start + 6] as number
    let r7 = a[start + 7] as number
    let i = 8
    for (; i < n - (n % 8); i += 8) {
      const b = start + i
      r0 += a[b] as number
      r1 += a[b + 1] as number
      r2 += a[b + 2] as number
      r3 += a[b + 3] as number
      r4 += a[b + 4] as number
      r5 += a[b + 5] as number
      r6 += a[b + 6] as number
      r7 += a[b + 7] as number
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7))
    for (; i < n; i++) res += a[start + i] as number
    return res
  }
  let n2 = Math.floor(n / 2)
  n2 -= n2 % 8
  return numpyPairwiseSum(a, start, n2) + numpyPairwiseSum(a, start + n2, n - n2)
}

describe('numpy arithmetic', () => {
  it('builds the thresholds as np.linspace does', () => {
    const t = linspace(0.5, 0.95, 10)
    // numpy prints 0.85 and 0.8999999999999999 at k = 7, 8; `.5 + .05k` gives 0.8500000000000001 and 0.9
    expect(Array.from(t)).toEqual([0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.8999999999999999, 0.95])
  })
  it('sums pairwise like numpy (8-way blocks), within rounding of the exact sum', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => 1 / (i + 1))
    const naive = xs.reduce((s, x) => s + x, 0)
    expect(Math.abs(pairwiseSum(xs) - naive)).toBeLessThan(1e-12)
    expect(pairwiseSum([1, 2, 3])).toBe(6)
  })
  it('sums a Float64Array with pairwiseSumF64, and a plain array with pairwiseSum, exactly as numpy does, at any offset and length', () => {
    // lengths up to 6000 (several levels of halving), cells from a seeded generator: zeros, repeats as in precision
    // blocks (1 − 2⁻⁵², 1/2, 2/3), and arbitrary doubles in [0, 1)
    const picks = [0, 0, 0.9999999999999998, 0.5, 2 / 3, 1]
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6000 }), fc.integer(), fc.nat(), (len, seed, cut) => {
        let x = seed | 0
        const xs = Array.from({ length: len }, () => {
          x = (Math.imul(x, 1103515245) + 12345) | 0
          const u = (x >>> 8) / 2 ** 24
          return u < 0.5 ? (picks[Math.floor(u * 12)] as number) : u
        })
        const f = Float64Array.from(xs)
        const start = len === 0 ? 0 : cut % len
        return (
          Object.is(pairwiseSumF64(f, 0, len), numpyPairwiseSum(xs, 0, len)) &&
          Object.is(pairwiseSumF64(f, start, len - start), numpyPairwiseSum(xs, start, len - start)) &&
          Object.is(pairwiseSum(xs, start, len - start), numpyPairwiseSum(xs, start, len - start))
        )
      }),
      { numRuns: 300 },
    )
  })
})
