import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scoreWith } from '../test-utils/harness.js'
import { iouConfidence, visualRftJson } from './detection-iou-confidence.js'
import { detectionIouConfidenceReward } from './reward.js'

const GT = [{ box: [10, 10, 50, 50] }, { box: [60, 60, 100, 100] }]
const rft = (objs: [number[], number][]) =>
  `<think>t</think><answer>[${objs.map(([b, c]) => `{'Position': [${b.join(', ')}], 'Confidence': ${c}}`).join(', ')}]</answer>`
const score = (response: string, params: Record<string, unknown> = {}, reference: unknown = GT) =>
  scoreWith(detectionIouConfidenceReward, { coordSpace: 'pixel', ...params }, response, reference)

describe('iouConfidence (rewards.md 1a)', () => {
  it('reproduces the worked example: R_IoU .451, R_conf .65', () => {
    const d = iouConfidence(
      [
        [10, 10, 50, 50],
        [60, 60, 100, 100],
      ],
      [
        { box: [12, 12, 50, 50], confidence: 0.9 },
        { box: [200, 200, 220, 220], confidence: 0.6 },
      ],
    )
    expect(d.iou).toBeCloseTo(0.9025 / 2, 12)
    expect(d.confidence).toBeCloseTo(0.65, 12)
  })
  it('needs IoU strictly above .5 to match', () => {
    // IoU exactly .5: [10,10,50,50] vs [10,10,50,90] → 1600/3200
    const d = iouConfidence([[10, 10, 50, 90]], [{ box: [10, 10, 50, 50], confidence: 1 }])
    expect(d).toEqual({ iou: 0, confidence: 0, matched: 0 })
  })
  it('lets the most confident prediction match first', () => {
    const d = iouConfidence(
      [[0, 0, 10, 10]],
      [
        { box: [0, 0, 10, 9], confidence: 0.2 },
        { box: [0, 0, 10, 8], confidence: 0.9 },
      ],
    )
    expect(d.iou).toBeCloseTo(0.8 / 2, 12) // the .9 box (IoU .8) took the gt
  })
})

describe('visualRftJson', () => {
  it.each([
    ["[{'Position': [1, 2, 3, 4], 'Confidence': 0.5}]", [{ Position: [1, 2, 3, 4], Confidence: 0.5 }]],
    // truncated mid-object: cut after the last complete object
    ["[{'Position': [1, 2, 3, 4], 'Confidence': 0.5}, {'Posi", [{ Position: [1, 2, 3, 4], Confidence: 0.5 }]],
    // [[...]] flattened
    ["[[{'Position': [1, 2, 3, 4], 'Confidence': 1}]]", [{ Position: [1, 2, 3, 4], Confidence: 1 }]],
    ['not json', undefined],
  ])('%s', (text, want) => expect(visualRftJson(text)).toEqual(want))
})

describe('detection-iou-confidence reward', () => {
  // Visual-RFT's re.search('<answer>(.*?)</answer>') has no `< answer >`: the whole output then is not JSON
  it.each([
    ['faithful', 0],
    ['fixed', 1.9],
  ])('reads a spaced <answer > tag in fixed mode only (%s → %d)', (mode, want) => {
    const response = "<answer >[{'Position': [10,10,50,50],'Confidence':0.9}]</answer>"
    expect(score(response, { mode }, [{ box: [10, 10, 50, 50] }]).score).toBeCloseTo(want, 12)
  })

  it('scores the worked example at .451 + .65', () => {
    const out = score(
      rft([
        [[12, 12, 50, 50], 0.9],
        [[200, 200, 220, 220], 0.6],
      ]),
    )
    expect(out.score).toBeCloseTo(0.45125 + 0.65, 12)
    expect(out.components).toEqual({ iou: expect.closeTo(0.45125, 12), confidence: expect.closeTo(0.65, 12) })
  })

  it('drops duplicate positions before matching', () => {
    const once = score(rft([[[10, 10, 50, 50], 1]])).score
    const twice = score(
      rft([
        [[10, 10, 50, 50], 1],
        [[10, 10, 50, 50], 1],
      ]),
    ).score
    expect(twice).toBe(once)
  })

  it.each([
    // faithful: the regex has no DOTALL, so a multi-line answer falls back to the whole output, which is not JSON
    ['faithful', 0],
    ['fixed', 1 / 2 + 1],
  ])('a multi-line answer in %s mode → %d', (mode, want) => {
    const response = "<answer>[{'Position': [10, 10, 50, 50],\n 'Confidence': 1}]</answer>"
    expect(score(response, { mode }).score).toBeCloseTo(want, 12)
  })

  it.each([
    ['faithful', 0], // IndexError on the empty list
    ['fixed', 2],
  ])('"[]" for an image with no object in %s mode → %d', (mode, want) => {
    expect(score('<answer>[]</answer>', { mode }, []).score).toBe(want)
  })

  it('reads the Qwen2.5-VL format in fixed mode, a missing confidence counting as 1', () => {
    const out = score(
      '<answer>[{"bbox_2d": [10, 10, 50, 50], "label": "x"}, {"bbox_2d": [60, 60, 100, 100], "label": "x"}]</answer>',
    )
    expect(out.score).toBeCloseTo(2, 12)
    expect(score('<answer>[{"bbox_2d": [10, 10, 50, 50]}]</answer>', { mode: 'faithful' }).score).toBe(0)
    // a fenced list, as Qwen2.5-VL writes it
    const fenced = '<answer>```json\n[{"bbox_2d": [10, 10, 50, 50], "label": "x"}]\n```</answer>'
    expect(score(fenced).score).toBeCloseTo(0.5 + 1, 12)
  })
})

describe('detection-iou-confidence hack resistance (fixed)', () => {
  const honest = score(
    rft([
      [[12, 12, 50, 50], 0.9],
      [[64, 60, 100, 104], 0.7],
    ]),
  ).score
  const spray = Array.from({ length: 100 }, (_, i): [number[], number] => [[i * 3, i * 3, i * 3 + 40, i * 3 + 40], 0])
  const hacks: [string, string][] = [
    ['whole-image box, confident', rft([[[0, 0, 10000, 10000], 1]])],
    ['whole-image box, unconfident', rft([[[0, 0, 10000, 10000], 0]])],
    ['box spraying at confidence 0', rft(spray)],
    ['box spraying with the true boxes first', rft([[[10, 10, 50, 50], 1], [[60, 60, 100, 100], 1], ...spray])],
    [
      'duplicates',
      rft([
        [[10, 10, 50, 50], 1],
        [[10, 10, 50, 50], 1],
        [[10, 10, 50, 50], 1],
      ]),
    ],
    [
      'degenerate',
      rft([
        [[10, 10, 10, 50], 0.5],
        [[60, 60, 100, 60], 0.5],
      ]),
    ],
    [
      'inverted',
      rft([
        [[50, 50, 10, 10], 0.5],
        [[100, 100, 60, 60], 0.5],
      ]),
    ],
    ['negative', rft([[[-50, -50, -10, -10], 0.5]])],
    ['NaN', `<answer>[{'Position': [NaN, 10, 50, 50], 'Confidence': 1}]</answer>`],
    ['out of image', rft([[[5000, 5000, 6000, 6000], 0.5]])],
    [
      'confidence above 1',
      rft([
        [[10, 10, 50, 50], 50],
        [[500, 500, 600, 600], -40],
      ]),
    ],
    ['empty answer', '<answer></answer>'],
    ['answer copied from the prompt', "<answer>[{'Position': [x1, y1, x2, y2], 'Confidence': number}]</answer>"],
  ]
  it.each(hacks)('%s scores below the honest answer', (_, response) => {
    expect(honest).toBeGreaterThan(1.4)
    expect(score(response).score).toBeLessThan(honest)
  })
})

describe('detection-iou-confidence properties', () => {
  it('never throws and stays in [0, 2] on arbitrary output, in both modes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom('fixed', 'faithful'), (s, mode) => {
        for (const r of [s, `<answer>${s}</answer>`, `<answer>[{'Position': [${s}], 'Confidence': 1}]</answer>`]) {
          const v = score(r, { mode }).score
          if (!(v >= 0 && v <= 2)) return false
        }
        return true
      }),
    )
  })
})
