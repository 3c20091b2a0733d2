import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hungarian, iou } from '../../geometry/index.js'
import { answerOf, scoreWith } from '../test-utils/harness.js'
import { type DetectionF1Options, detectionF1, type LabelledBox } from './detection-f1.js'
import { detectionF1Reward } from './reward.js'

const GT = [
  { box: [0, 0, 100, 100], label: 'cat' },
  { box: [200, 200, 300, 300], label: 'dog' },
]
const score = (response: string, params: Record<string, unknown> = {}, reference: unknown = GT) =>
  scoreWith(detectionF1Reward, { coordSpace: 'pixel', ...params }, response, reference)
const H = { iouThreshold: 0.5, classAware: true, matching: 'hungarian' } as const

describe('detectionF1', () => {
  const gts: LabelledBox[] = [
    { box: [0, 0, 10, 10], label: 'a' },
    { box: [8, 0, 18, 10], label: 'a' },
  ]
  it('finds the matching greedy misses', () => {
    // p0 passes with both gts (IoU 7/13 with g0, 8/12 with g1); greedy gives it g1, which p1 (IoU 9/11 with g1,
    // 4/16 with g0) needed, so greedy finds one pair and Hungarian two
    const g2: LabelledBox[] = [
      { box: [0, 0, 10, 10], label: 'a' },
      { box: [5, 0, 15, 10], label: 'a' },
    ]
    const preds: LabelledBox[] = [
      { box: [3, 0, 13, 10], label: 'a' },
      { box: [6, 0, 16, 10], label: 'a' },
    ]
    expect(detectionF1(g2, preds, H).tp).toBe(2)
    expect(detectionF1(g2, preds, { ...H, matching: 'greedy' }).tp).toBe(1)
  })
  it('requires the same label when class-aware', () => {
    const preds: LabelledBox[] = [{ box: [0, 0, 10, 10], label: ' A ' }]
    expect(detectionF1(gts, preds, H).tp).toBe(1) // trimmed, case-insensitive
    expect(detectionF1(gts, [{ box: [0, 0, 10, 10], label: 'b' }], H).tp).toBe(0)
    expect(detectionF1(gts, [{ box: [0, 0, 10, 10], label: 'b' }], { ...H, classAware: false }).tp).toBe(1)
  })
  it('counts malformed items as false positives through nPred', () => {
    const d = detectionF1(gts, [{ box: [0, 0, 10, 10], label: 'a' }], H, 4)
    expect(d.precision).toBe(0.25)
  })
  it('is optimal: Hungarian tp ≥ greedy tp, and symmetric bounds hold', () => {
    const box = fc.tuple(fc.nat(50), fc.nat(50), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }))
    const lb = box.map(([x, y, w, h]): LabelledBox => ({ box: [x, y, x + w, y + h], label: 'a' }))
    fc.assert(
      fc.property(fc.array(lb, { maxLength: 6 }), fc.array(lb, { maxLength: 6 }), (g, p) => {
        const h = detectionF1(g, p, H)
        const gr = detectionF1(g, p, { ...H, matching: 'greedy' })
        return h.tp >= gr.tp && h.f1 >= 0 && h.f1 <= 1 && h.tp <= Math.min(g.length, p.length)
      }),
    )
  })
  it('counts the same true positives as the assignment by hungarian (the code before the matching shortcut)', () => {
    // tp as detectionF1 computed it through the cost matrix: eligible pairs cost 1 − IoU, the others +Infinity
    const byAssignment = (g: LabelledBox[], p: LabelledBox[], o: DetectionF1Options): number => {
      const lab = (s: string) => s.trim().toLowerCase()
      const m = p.map((pb) =>
        g.map((gb) => {
          if (o.classAware && lab(pb.label) !== lab(gb.label)) return -1
          const v = iou(pb.box, gb.box)
          return v >= o.iouThreshold && v > 0 ? v : -1
        }),
      )
      if (p.length === 0 || g.length === 0) return 0
      const pairs = hungarian(m.map((row) => row.map((v) => (v >= 0 ? 1 - v : Number.POSITIVE_INFINITY))))
      return pairs.filter(({ row, col }) => ((m[row] as number[])[col] as number) >= 0).length
    }
    // small boxes on a small canvas: many overlaps, chains of competing pairs, degenerate and NaN boxes
    const coord = fc.oneof({ weight: 9, arbitrary: fc.nat(40) }, { weight: 1, arbitrary: fc.constant(Number.NaN) })
    const lb = fc
      .tuple(
        coord,
        coord,
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 25 }),
        fc.constantFrom('a', 'A ', 'b'),
      )
      .map(([x, y, w, h, label]): LabelledBox => ({ box: [x, y, x + w, y + h], label }))
    const opts = fc.record({
      iouThreshold: fc.constantFrom(0.1, 0.3, 0.5),
      classAware: fc.boolean(),
      matching: fc.constant('hungarian' as const),
    })
    fc.assert(
      fc.property(fc.array(lb, { maxLength: 9 }), fc.array(lb, { maxLength: 9 }), opts, (g, p, o) => {
        return detectionF1(g, p, o).tp === byAssignment(g, p, o)
      }),
      { numRuns: 3000 },
    )
  })
})

describe('detection-f1 reward', () => {
  it.each([
    [
      'perfect',
      answerOf([
        [[0, 0, 100, 100], 'cat'],
        [[200, 200, 300, 300], 'dog'],
      ]),
      1,
    ],
    ['one of two', answerOf([[[0, 0, 100, 100], 'cat']]), 2 / 3],
    ['wrong label', answerOf([[[0, 0, 100, 100], 'dog']]), 0],
    ['both empty', '<answer>[]</answer>', 1],
    ['prose on an empty image: a parse failure is no pass', '<answer>no objects</answer>', 0],
  ])('%s → %d', (name, response, want) => {
    const ref = name.startsWith('both empty') || name.startsWith('prose') ? [] : GT
    expect(score(response, {}, ref).score).toBeCloseTo(want, 12)
  })
  it('reports precision and recall as components', () => {
    const out = score(
      answerOf([
        [[0, 0, 100, 100], 'cat'],
        [[500, 500, 510, 510], 'cat'],
        [[0, 0, 100, 100], 'cat'],
      ]),
    )
    expect(out.components).toEqual({ precision: 1 / 3, recall: 0.5, f1: expect.closeTo(0.4, 12) })
  })
})

describe('detection-f1 hack resistance', () => {
  const honest = score(
    answerOf([
      [[5, 0, 100, 110], 'cat'],
      [[200, 210, 290, 300], 'dog'],
    ]),
  ).score
  const spray = Array.from(
    { length: 80 },
    (_, i) =>
      [
        [(i % 9) * 40, Math.floor(i / 9) * 40, (i % 9) * 40 + 100, Math.floor(i / 9) * 40 + 100],
        i % 2 ? 'cat' : 'dog',
      ] as const,
  )
  it.each([
    [
      'whole-image box',
      answerOf([
        [[0, 0, 4000, 4000], 'cat'],
        [[0, 0, 4000, 4000], 'dog'],
      ]),
    ],
    ['box spraying', answerOf(spray)],
    ['spraying around the true boxes', answerOf([[[0, 0, 100, 100], 'cat'], [[200, 200, 300, 300], 'dog'], ...spray])],
    [
      'duplicates',
      answerOf([
        [[0, 0, 100, 100], 'cat'],
        [[0, 0, 100, 100], 'cat'],
        [[0, 0, 100, 100], 'cat'],
      ]),
    ],
    [
      'degenerate',
      answerOf([
        [[0, 0, 0, 100], 'cat'],
        [[200, 200, 300, 200], 'dog'],
      ]),
    ],
    [
      'inverted',
      answerOf([
        [[100, 100, 0, 0], 'cat'],
        [[300, 300, 200, 200], 'dog'],
      ]),
    ],
    ['negative', answerOf([[[-100, -100, -1, -1], 'cat']])],
    ['NaN', '<answer>[{"bbox_2d": [NaN, 0, 100, 100], "label": "cat"}]</answer>'],
    ['out of image', answerOf([[[5000, 5000, 6000, 6000], 'cat']])],
    [
      'labels not in the ground truth',
      answerOf([
        [[0, 0, 100, 100], 'cat'],
        [[200, 200, 300, 300], 'dog'],
        [[0, 0, 100, 100], 'cow'],
        [[200, 200, 300, 300], 'pig'],
      ]),
    ],
    ['empty answer', '<answer></answer>'],
    ['answer copied from the prompt', '<answer>[{"bbox_2d": [x1, y1, x2, y2], "label": "category"}]</answer>'],
  ])('%s scores below the honest answer', (_, response) => {
    expect(honest).toBeGreaterThan(0.9)
    expect(score(response).score).toBeLessThan(honest)
  })
})

describe('detection-f1 properties', () => {
  it('never throws and stays in [0, 1]', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        for (const r of [s, `<answer>${s}</answer>`, answerOf([[[0, 0, 100, 100], s]])]) {
          const v = score(r).score
          if (!(v >= 0 && v <= 1)) return false
        }
        return true
      }),
    )
  })
})
