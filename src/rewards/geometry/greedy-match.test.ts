import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { BoxXYXY } from './box.js'
import { greedyMatch, greedyMatchGlobal } from './greedy-match.js'
import { iouPixelInclusive } from './iou.js'

describe('greedyMatch', () => {
  it('matches the Visual-RFT worked example (rewards.md 1a)', () => {
    const gts: BoxXYXY[] = [
      [10, 10, 50, 50],
      [60, 60, 100, 100],
    ]
    const got = greedyMatch(
      [
        [12, 12, 50, 50],
        [200, 200, 220, 220],
      ],
      gts,
      { threshold: 0.5, strict: true },
    )
    expect(got).toEqual([
      { gt: 0, iou: 0.9025 },
      { gt: -1, iou: 0 },
    ])
  })

  it('takes each ground truth once: a duplicate prediction stays unmatched', () => {
    const box: BoxXYXY = [0, 0, 10, 10]
    expect(greedyMatch([box, box], [box], { threshold: 0.5 })).toEqual([
      { gt: 0, iou: 1 },
      { gt: -1, iou: 0 },
    ])
  })

  it.each([
    [false, 0], // COCO: IoU ≥ t matches
    [true, -1], // Visual-RFT: IoU > t is needed
  ])('strict=%s at IoU exactly the threshold → gt %d', (strict, gt) => {
    // iou([0,0,2,1],[0,0,1,1]) = 0.5 exactly
    expect(greedyMatch([[0, 0, 2, 1]], [[0, 0, 1, 1]], { threshold: 0.5, strict })[0]?.gt).toBe(gt)
  })

  it('takes a custom IoU (VLM-R1 iou_px)', () => {
    expect(greedyMatch([[0, 0, 10, 10]], [[9, 0, 20, 10]], { threshold: 0, iouFn: iouPixelInclusive })).toEqual([
      { gt: -1, iou: 0 },
    ])
  })
})

describe('greedyMatchGlobal', () => {
  it('takes the global best pair first', () => {
    expect(
      greedyMatchGlobal(
        [
          [0.6, 0.9],
          [0.8, 0.1],
        ],
        0.5,
      ),
    ).toEqual([
      { pred: 0, gt: 1, iou: 0.9 },
      { pred: 1, gt: 0, iou: 0.8 },
    ])
  })
  it('stops below the threshold and skips non-finite scores', () => {
    expect(greedyMatchGlobal([[0.4, Number.NaN, Number.POSITIVE_INFINITY]], 0.5)).toEqual([])
    expect(greedyMatchGlobal([], 0.5)).toEqual([])
  })
  it('yields a one-to-one matching whose scores all pass and never increase', () => {
    const m = fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }), {
      maxLength: 6,
    })
    fc.assert(
      fc.property(m, fc.double({ min: 0, max: 1, noNaN: true }), (scores, t) => {
        const out = greedyMatchGlobal(scores, t)
        const preds = new Set(out.map((p) => p.pred))
        const gts = new Set(out.map((p) => p.gt))
        return (
          preds.size === out.length &&
          gts.size === out.length &&
          out.every((p, i) => p.iou >= t && (i === 0 || p.iou <= out[i - 1]!.iou))
        )
      }),
    )
  })
})
