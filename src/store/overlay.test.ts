import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { boxToPixels, type CoordMapping, coordMapping } from '../rewards/coords/index.js'
import { overlayConfig, predictedShapes, referenceShapes } from './overlay.js'

describe('predictedShapes', () => {
  it.each([
    // Qwen2-VL / Qwen3-VL 0-1000 on a 640×480 image
    [
      '<answer>[500, 500, 750, 1000]</answer>',
      { width: 640, height: 480 },
      { coordSpace: 'norm1000' },
      [[320, 240, 480, 480]],
    ],
    // Qwen2.5-VL absolute pixels of the resized image (inputWidth/inputHeight given)
    [
      '<answer>[0, 0, 320, 240]</answer>',
      { width: 1280, height: 960, inputWidth: 640, inputHeight: 480 },
      { coordSpace: 'pixel-resized' },
      [[0, 0, 640, 480]],
    ],
    // PaliGemma tokens fix their own space (y first, 1024 bins)
    ['<loc0256><loc0512><loc0768><loc1024> cat', { width: 1024, height: 512 }, undefined, [[512, 128, 1024, 384]]],
  ])('%s on %j', (response, image, meta, boxes) => {
    expect(predictedShapes(response, image, meta).boxes).toEqual(boxes)
  })

  it('says why nothing is drawn instead of guessing', () => {
    expect(predictedShapes('<answer>[1, 2, 3, 4]</answer>', undefined, { coordSpace: 'norm1000' }).note).toMatch(
      /image size/,
    )
    expect(predictedShapes('<answer>no box</answer>', { width: 10, height: 10 }, {}).note).toMatch(/no boxes/)
    expect(predictedShapes('x'.repeat(300_000), undefined, {}).note).toMatch(/too long/)
  })

  it('maps exactly as the rewards do (boxToPixels with the same mapping)', () => {
    const box = fc.tuple(fc.nat(1000), fc.nat(1000), fc.nat(1000), fc.nat(1000))
    fc.assert(
      fc.property(box, fc.integer({ min: 1, max: 4000 }), fc.integer({ min: 1, max: 4000 }), (b, width, height) => {
        const got = predictedShapes(`<answer>[${b.join(', ')}]</answer>`, { width, height }, { coordSpace: 'norm1000' })
          .boxes[0]
        const want = boxToPixels(b, coordMapping('norm1000', { width, height }) as CoordMapping)
        return JSON.stringify(got) === JSON.stringify(want)
      }),
    )
  })

  it("takes format, space and answer source from the spec's grounding reward", () => {
    const cfg = overlayConfig([
      {
        key: 'iou',
        rewardId: 'box-iou',
        rewardVersion: 1,
        params: { format: 'qwen-json', coordSpace: 'norm1000', answer: 'whole' },
      },
    ])
    expect(cfg).toMatchObject({ format: 'qwen-json', coordSpace: 'norm1000', answer: 'whole' })
    expect(predictedShapes('{"bbox_2d": [0, 0, 500, 500]}', { width: 200, height: 100 }, undefined, cfg).boxes).toEqual(
      [[0, 0, 100, 50]],
    )
  })
})

describe('referenceShapes', () => {
  it.each([
    [[10, 20, 30, 40], { boxes: [[10, 20, 30, 40]], points: [] }],
    [
      { bbox: [1, 2, 3, 4], point: [5, 6] },
      { boxes: [[1, 2, 3, 4]], points: [[5, 6]] },
    ],
    ['B', { boxes: [], points: [] }], // a text answer has nothing to draw
  ])('%j', (ref, expected) => {
    expect(referenceShapes(ref)).toEqual(expected)
  })
})
