import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type CocoDetection, cocoEvaluate } from '../coco/index.js'
import { detectionAp } from './detection-map.js'
import { type LabelledBoxXYXY, singleImageAp } from './single-image-ap.js'

type Box = [number, number, number, number]

/**
 * The definition the fast path must reproduce: VLM-R1's per-rollout mAP through the general pycocotools-exact
 * `cocoEvaluate` (categories = distinct gt labels in first-seen order, all scores 1, `stats[0]` and `stats[1]`).
 */
function cocoAp(gts: readonly LabelledBoxXYXY[], preds: readonly LabelledBoxXYXY[], countUnknown: boolean) {
  const catOf = new Map<string, number>()
  const annotations = gts.map((g, i) => {
    let c = catOf.get(g.label)
    if (c === undefined) {
      c = catOf.size
      catOf.set(g.label, c)
    }
    const [x1, y1, x2, y2] = g.box
    return { id: i + 1, image_id: 0, category_id: c, bbox: [x1, y1, x2 - x1, y2 - y1], area: (x2 - x1) * (y2 - y1) }
  })
  const K = catOf.size
  const unknown = new Set<string>()
  const dts: CocoDetection[] = []
  for (const p of preds) {
    const c = catOf.get(p.label)
    if (c === undefined) unknown.add(p.label)
    else {
      const [x1, y1, x2, y2] = p.box
      dts.push({ image_id: 0, category_id: c, bbox: [x1, y1, x2 - x1, y2 - y1], score: 1 })
    }
  }
  if (K === 0 || dts.length === 0) return { ap: 0, ap50: 0, unknownLabels: unknown.size }
  const categories = Array.from({ length: K }, (_, id) => ({ id }))
  const { stats } = cocoEvaluate({ images: [{ id: 0 }], annotations, categories }, dts)
  const share = K / (K + (countUnknown ? unknown.size : 0))
  return {
    ap: Math.max(0, stats[0] as number) * share,
    ap50: Math.max(0, stats[1] as number) * share,
    unknownLabels: unknown.size,
  }
}

// small integer coordinates so boxes overlap, repeat and degenerate often; a few floats, huge and non-finite values
const coord = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 60 }) },
  { weight: 1, arbitrary: fc.double({ min: -10, max: 70, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(-5, 2e5, 1e200, Number.POSITIVE_INFINITY, Number.NaN) },
)
const anyBox = fc.tuple(coord, coord, coord, coord).map((b): Box => b)
// a proper-ish box (x1 ≤ x2, y1 ≤ y2), the shape references have; sometimes larger than COCO's "all" area range
const gtBox = fc
  .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.nat(40), fc.nat(40), fc.nat(30))
  .map(([x, y, w, h, huge]): Box => (huge === 0 ? [x, y, x + 2e5, y + 1e5 + w] : [x, y, x + w, y + h]))
const label = fc.constantFrom('a', 'b', 'c', 'A')
const predLabel = fc.constantFrom('a', 'a', 'b', 'c', 'A', 'z', 'y')
const gtList = fc.array(fc.record({ box: gtBox, label }), { maxLength: 10 })
/** predictions: random boxes, and copies of ground truths jittered by a few pixels (IoUs across the thresholds) */
const predList = (gts: readonly LabelledBoxXYXY[]) =>
  fc.array(
    fc.oneof(
      fc.record({ box: anyBox, label: predLabel }),
      fc
        .tuple(
          fc.nat(Math.max(0, gts.length - 1)),
          fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 4, maxLength: 4 }),
          predLabel,
        )
        .map(([i, j, l]) => {
          const g = gts[i]
          const b = (g?.box ?? [0, 0, 10, 10]) as Box
          return { box: b.map((v, k) => v + (j[k] as number)) as Box, label: g && l === 'z' ? g.label : l }
        }),
    ),
    { maxLength: 14 },
  )
const image = gtList.chain((gts) => predList(gts).map((preds) => ({ gts, preds })))

const same = (a: ReturnType<typeof cocoAp>, b: ReturnType<typeof cocoAp>) =>
  Object.is(a.ap, b.ap) && Object.is(a.ap50, b.ap50) && a.unknownLabels === b.unknownLabels

describe('singleImageAp equals cocoEvaluate, bit for bit', () => {
  it.each([
    ['fixed', true],
    ['faithful', false],
  ])('on random images (%s mode: unknown labels counted = %s)', (_, countUnknown) => {
    fc.assert(
      fc.property(image, ({ gts, preds }) =>
        same(detectionAp(gts, preds, countUnknown), cocoAp(gts, preds, countUnknown)),
      ),
      { numRuns: 3000 },
    )
  })

  it('finds categories the same way with many labels (past the linear scan, through a Map)', () => {
    const many = fc.constantFrom(...Array.from({ length: 14 }, (_, i) => `l${i}`))
    const gtsMany = fc.array(fc.record({ box: gtBox, label: many }), { minLength: 6, maxLength: 24 })
    const imageMany = gtsMany.chain((gts) =>
      fc
        .array(
          fc.oneof(
            fc.record({ box: anyBox, label: many }),
            fc.nat(gts.length - 1).map((i) => gts[i] as LabelledBoxXYXY),
          ),
          { maxLength: 20 },
        )
        .map((preds) => ({ gts, preds })),
    )
    fc.assert(
      fc.property(imageMany, ({ gts, preds }) => same(detectionAp(gts, preds, true), cocoAp(gts, preds, true))),
      { numRuns: 400 },
    )
  })

  it('keeps the first 100 detections of each category, in answer order', () => {
    // 100 random 'a' boxes, then exact copies of the 'a' ground truths: past the cap those copies must not count
    const junk = fc.array(fc.record({ box: anyBox, label: fc.constant('a') }), { minLength: 98, maxLength: 102 })
    fc.assert(
      fc.property(gtList, junk, (gtsIn, head) => {
        const gts = [{ box: [0, 0, 30, 30] as Box, label: 'a' }, ...gtsIn]
        const preds = [...head, ...gts.map((g) => ({ box: g.box, label: 'a' }))]
        return same(detectionAp(gts, preds, true), cocoAp(gts, preds, true))
      }),
      { numRuns: 150 },
    )
  })

  it('handles the edge cases exactly: no gts, no preds, all gts ignored, only unknown labels', () => {
    const a = { box: [0, 0, 10, 10] as Box, label: 'a' }
    const huge = { box: [0, 0, 3e5, 3e5] as Box, label: 'a' }
    const cases: [LabelledBoxXYXY[], LabelledBoxXYXY[]][] = [
      [[], []],
      [[a], []],
      [[], [a]],
      [[huge], [a]], // the only gt is outside the area range: AP undefined (−1), reported as 0
      [[a], [{ ...a, label: 'z' }]],
      [
        [a, huge],
        [huge, a],
      ], // the detection on the ignored gt is neither TP nor FP
    ]
    for (const [gts, preds] of cases)
      for (const fixed of [true, false]) expect(detectionAp(gts, preds, fixed)).toEqual(cocoAp(gts, preds, fixed))
    expect(singleImageAp([huge], [a]).ap).toBe(-1)
  })
})

describe("without the area filter (the reward's fixed mode)", () => {
  /** COCO's area range "all": a box outside it (negative area, or over 1e10) is what the filter ignores */
  const outside = (b: readonly number[]) => {
    const area = ((b[2] as number) - (b[0] as number)) * ((b[3] as number) - (b[1] as number))
    return area < 0 || area > 1e10
  }
  // one side inverted: negative area, and no overlap with anything
  const inverted = fc
    .tuple(
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 1, max: 40 }),
      fc.boolean(),
    )
    .map(([x, y, d, flipX]): Box => (flipX ? [x + d, y, x, y + d] : [x, y + d, x + d, y]))
  const far: Box = [-1000, -1000, -999, -999] // proper, inside the area range, and off every ground truth
  const extra = fc.array(fc.tuple(fc.nat(14), inverted, predLabel), { maxLength: 4 })

  it('scores a box of negative area as cocoEvaluate scores a far-away proper box: a plain false positive', () => {
    fc.assert(
      fc.property(image, extra, ({ gts, preds }, inserts) => {
        const withInverted = preds.filter((p) => !outside(p.box))
        const withFar = [...withInverted]
        for (const [at, box, label] of inserts) {
          const i = Math.min(at, withInverted.length)
          withInverted.splice(i, 0, { box, label })
          withFar.splice(i, 0, { box: far, label })
        }
        return [true, false].every((countUnknown) =>
          same(detectionAp(gts, withInverted, countUnknown, { areaFilter: false }), cocoAp(gts, withFar, countUnknown)),
        )
      }),
      { numRuns: 2000 },
    )
  })
})
