import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { BoxXYXY } from '../../geometry/index.js'
import { type ConfidentBox, iouConfidence } from './detection-iou-confidence.js'

/** Visual-RFT's deduplication as written: a set of `"x1,y1,x2,y2"` strings, first occurrence kept. */
function stringDedupe(preds: readonly ConfidentBox[]): ConfidentBox[] {
  const seen = new Set<string>()
  return preds.filter((p) => {
    const key = p.box.join(',')
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

// few distinct coordinates, −0 and NaN among them, so duplicates (and near-duplicates) are common
const coord = fc.constantFrom(0, -0, 1, 10, 10.5, 20, Number.NaN, 1e21)
const box = fc.tuple(coord, coord, coord, coord).map((b): BoxXYXY => b)
const pred = fc.record({ box, confidence: fc.constantFrom(0.1, 0.5, 0.9, 1) })
const gts = fc.array(box, { maxLength: 4 })

describe('iouConfidence deduplication', () => {
  it.each([
    ['short lists (pairwise comparison)', 12],
    ['long lists (string set)', 90],
  ])('drops exactly the boxes the string set drops: %s', (_, maxLength) => {
    fc.assert(
      fc.property(gts, fc.array(pred, { maxLength, minLength: maxLength > 64 ? 65 : 0 }), (g, p) => {
        expect(iouConfidence(g, p)).toEqual(iouConfidence(g, stringDedupe(p)))
      }),
      { numRuns: maxLength > 64 ? 100 : 1000 },
    )
  })
})
