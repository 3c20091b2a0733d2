import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { answerOf, scoreWith } from '../test-utils/harness.js'
import {
  criteriaPhase,
  criteriaPrecision,
  criteriaRecall,
  dualFormat,
  matchGious,
  shape,
} from './detection-criteria.js'
import { detectionCriteriaReward } from './reward.js'

const GT = [
  { box: [0, 0, 100, 100], label: 'cat' },
  { box: [200, 200, 300, 300], label: 'dog' },
]
const json = (objs: (readonly [readonly number[], string])[]) =>
  JSON.stringify(objs.map(([b, label]) => ({ bbox_2d: b, label })))
const score = (response: string, params: Record<string, unknown> = {}, reference: unknown = GT, step = 0) =>
  scoreWith(detectionCriteriaReward, { coordSpace: 'pixel', ...params }, response, reference, { step })

describe('Vision-R1 criteria (rewards.md 3 worked example)', () => {
  const gious = [0.9, 0.6, 0.3]
  it('phase 1: precision mean(1, .6, 0) = .533, recall 2/4 = .5 kept', () => {
    const ph = criteriaPhase('adaptive', 0, 1500)
    expect(criteriaPrecision(gious, 3, ph)).toBeCloseTo(1.6 / 3, 12)
    expect(criteriaRecall(gious, 4, ph)).toBe(0.5)
  })
  it('phase 2 (step ≥ 1500): precision mean(.9, 0, 0) = .3, recall 1/4 → 0', () => {
    const ph = criteriaPhase('adaptive', 1500, 1500)
    expect(criteriaPrecision(gious, 3, ph)).toBeCloseTo(0.3, 12)
    expect(criteriaRecall(gious, 4, ph)).toBe(0)
  })
  it('schedule off clamps to [0, 1] with a .5 recall threshold', () => {
    const ph = criteriaPhase('off', 9999, 1500)
    expect(criteriaPrecision(gious, 3, ph)).toBeCloseTo(0.6, 12)
    expect(criteriaRecall(gious, 4, ph)).toBe(0.5)
  })
  it.each([
    [0.4, 0.5, 0.75, 0],
    [0.5, 0.5, 0.75, 0.5], // the bounds themselves keep x
    [0.75, 0.5, 0.75, 0.75],
    [0.8, 0.5, 0.75, 1],
    [0.75, 0.75, 0.75, 0.75], // g = f(·; t, t): exactly t stays t
  ])('shape(%d; %d, %d) = %d', (x, lo, hi, want) => expect(shape(x, lo, hi)).toBe(want))
})

describe('matchGious', () => {
  it('prefers the box-close pair (L1 dominates), then the class', () => {
    const preds = [{ box: [0, 0, 100, 100] as const, cls: 2 }]
    const gts = [
      { box: [0, 0, 100, 100] as const, cls: 1 },
      { box: [0, 0, 100, 101] as const, cls: 2 },
    ]
    // L1 1 − 1 (class) − GIoU ≈ −0.99 beats 0 − 0 − 1 = −1? no: −1 < −0.99, so the identical box wins
    expect(matchGious(preds, gts)).toEqual([1])
  })
  it('gives min(N_pred, N_gt) pairs', () => {
    fc.assert(
      fc.property(fc.nat(5), fc.nat(5), (np, ng) => {
        const mk = (n: number) =>
          Array.from({ length: n }, (_, i) => ({ box: [i * 10, 0, i * 10 + 5, 5] as const, cls: 1 }))
        return matchGious(mk(np), mk(ng)).length === Math.min(np, ng)
      }),
    )
  })
})

describe('dualFormat', () => {
  it.each([
    ['[{"bbox_2d": [1, 2, 3, 4], "label": "cat"}]', 2, 'fixed', 1],
    ['[{"bbox_2d": [1, 2, 3], "label": "cat"}]', 2, 'fixed', 0], // three numbers
    ['[{"bbox_2d": [1, 2, 3, 4], "label": "cat"}', 2, 'fixed', 0], // not JSON
    ['42', 2, 'faithful', 1], // QUIRK: a scalar passes
    ['42', 2, 'fixed', 0],
    ['None', 0, 'fixed', 1], // no instance: 1 − (not JSON)
    ['[]', 0, 'fixed', 0], // no instance: 1 − (valid JSON)
  ] as const)('%s (n=%d, %s) → %d', (text, n, mode, want) => expect(dualFormat(text, n, mode)).toBe(want))
})

describe('detection-criteria reward', () => {
  it('scores a perfect answer 3', () => {
    const out = score(
      json([
        [[0, 0, 100, 100], 'cat'],
        [[200, 200, 300, 300], 'dog'],
      ]),
    )
    expect(out.score).toBeCloseTo(3, 12)
    expect(out.components).toEqual({ precision: 1, recall: 1, dualFormat: 1 })
  })
  it.each([
    ['faithful', 3], // the last strict block: the perfect list
    ['fixed', 1], // the last block, spaced tags allowed: `[]` with objects expected, only dual format (valid JSON)
  ])('reads a spaced < answer > tag in fixed mode only (%s → %d)', (mode, want) => {
    const perfect = json([
      [[0, 0, 100, 100], 'cat'],
      [[200, 200, 300, 300], 'dog'],
    ])
    expect(score(`<answer>${perfect}</answer> < answer >[]</answer>`, { mode }).score).toBeCloseTo(want, 12)
  })
  it('falls back to the scanner for broken JSON, with dual format 0', () => {
    const out = score(
      '[{"bbox_2d": [0, 0, 100, 100], "label": "cat"}, {"bbox_2d": [200, 200, 300, 300], "label": "dog"',
    )
    expect(out.components).toEqual({ precision: 1, recall: 1, dualFormat: 0 })
  })
  it('defaults to pixel-resized, mapping with the input size', () => {
    const ans = json([
      [[0, 0, 50, 50], 'cat'],
      [[100, 100, 150, 150], 'dog'],
    ])
    const out = scoreWith(detectionCriteriaReward, {}, ans, GT, {
      step: 0,
      images: [{ width: 600, height: 600, inputWidth: 300, inputHeight: 300 }],
    })
    expect(out.score).toBeCloseTo(3, 12)
  })
  it('notes a missing step under the adaptive schedule', () => {
    const out = scoreWith(detectionCriteriaReward, { coordSpace: 'pixel' }, json([[[0, 0, 100, 100], 'cat']]), GT)
    expect(out.reason).toEqual({ code: 'ok', note: 'no item.step: phase 1' })
  })
  it.each([
    ['no prediction, objects', '[]', GT, 0 + 0 + 1],
    ['no prediction, no objects', 'None', [], 1 + 1 + 1],
    ['predictions, no objects', json([[[0, 0, 10, 10], 'cat']]), [], 0],
  ])('%s → %d', (_, response, reference, want) => {
    expect(score(response, {}, reference).score).toBeCloseTo(want, 12)
  })
  it.each([
    ['faithful', 1 + 1 + 1], // one pair: the precision mean over pairs ignores the unmatched box
    ['fixed', 0.5 + 1 + 1], // precision over both predictions
  ])('an extra far box in %s mode', (mode, want) => {
    const ans = json([
      [[0, 0, 100, 100], 'cat'],
      [[900, 900, 950, 950], 'cat'],
    ])
    expect(score(ans, { mode }, [GT[0]]).score).toBeCloseTo(want, 12)
  })
})

describe('detection-criteria hack resistance (fixed)', () => {
  const honest = score(
    json([
      [[2, 0, 100, 96], 'cat'],
      [[205, 200, 300, 310], 'dog'],
    ]),
  ).score
  const spray = Array.from(
    { length: 60 },
    (_, i) =>
      [[(i % 8) * 40, Math.floor(i / 8) * 40, (i % 8) * 40 + 100, Math.floor(i / 8) * 40 + 100], 'cat'] as const,
  )
  it.each([
    ['whole-image box', json([[[0, 0, 4000, 4000], 'cat']])],
    ['box spraying', json(spray)],
    ['spraying around the true boxes', json([[[0, 0, 100, 100], 'cat'], [[200, 200, 300, 300], 'dog'], ...spray])],
    [
      'duplicates',
      json([
        [[0, 0, 100, 100], 'cat'],
        [[0, 0, 100, 100], 'cat'],
        [[0, 0, 100, 100], 'cat'],
      ]),
    ],
    [
      'degenerate',
      json([
        [[0, 0, 0, 100], 'cat'],
        [[200, 200, 300, 200], 'dog'],
      ]),
    ],
    [
      'inverted',
      json([
        [[100, 100, 0, 0], 'cat'],
        [[300, 300, 200, 200], 'dog'],
      ]),
    ],
    ['negative', json([[[-100, -100, -1, -1], 'cat']])],
    ['NaN', '[{"bbox_2d": [NaN, 0, 100, 100], "label": "cat"}]'],
    ['out of image', json([[[5000, 5000, 6000, 6000], 'cat']])],
    [
      'labels not in the ground truth',
      json([
        [[0, 0, 100, 100], 'cat'],
        [[200, 200, 300, 300], 'dog'],
        [[0, 0, 100, 100], 'cow'],
        [[200, 200, 300, 300], 'pig'],
      ]),
    ],
    ['empty answer', '<answer></answer>'],
    ['answer copied from the prompt', '[{"bbox_2d": [x1, y1, x2, y2], "label": "category"}]'],
  ])('%s scores below the honest answer', (_, response) => {
    expect(honest).toBeGreaterThan(2.5)
    expect(score(response).score).toBeLessThan(honest)
  })
})

describe('detection-criteria properties', () => {
  it('never throws and stays in [0, 3]', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.nat(3000),
        fc.constantFrom('fixed', 'faithful'),
        (s, step, mode) => {
          for (const r of [s, `<answer>${s}</answer>`, answerOf([[[0, 0, 1, 1], s]])]) {
            const v = score(r, { mode }, GT, step).score
            if (!(v >= 0 && v <= 3)) return false
          }
          return true
        },
      ),
    )
  })
})
