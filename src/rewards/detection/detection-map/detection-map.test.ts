import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { answerOf, scoreWith } from '../test-utils/harness.js'
import { detectionAp, lengthFactor, weightedSum } from './detection-map.js'
import { detectionMapReward } from './reward.js'

const GT2 = [
  { box: [0, 0, 100, 100], label: 'cat' },
  { box: [500, 500, 600, 600], label: 'cat' },
] as const
const gt2 = GT2.map((g) => ({ box: [...g.box] as [number, number, number, number], label: g.label }))
const px = { coordSpace: 'pixel' }
const score = (params: Record<string, unknown>, response: string, reference: unknown = gt2) =>
  scoreWith(detectionMapReward, { ...px, ...params }, response, reference)

describe('detectionAp (rewards.md 2b)', () => {
  it('reproduces the worked example: IoU .82 then a miss → 7/10 × 51/101', () => {
    const d = detectionAp(
      gt2,
      [
        { box: [0, 0, 82, 100], label: 'cat' },
        { box: [300, 300, 310, 310], label: 'cat' },
      ],
      false,
    )
    expect(d.ap).toBeCloseTo((7 / 10) * (51 / 101), 12)
    expect(d.ap50).toBeCloseTo(51 / 101, 12)
  })
  it('drops unknown labels in faithful mode and counts them as AP-0 categories in fixed mode', () => {
    const preds = [
      { box: [0, 0, 100, 100] as const, label: 'cat' },
      { box: [500, 500, 600, 600] as const, label: 'cat' },
      { box: [0, 0, 50, 50] as const, label: 'unicorn' },
    ]
    expect(detectionAp(gt2, preds, false).ap).toBeCloseTo(1, 12)
    expect(detectionAp(gt2, preds, true).ap).toBeCloseTo(0.5, 12) // one real category, one hallucinated
  })
})

describe('detection-map reward', () => {
  const example = answerOf([
    [[0, 0, 82, 100], 'cat'],
    [[300, 300, 310, 310], 'cat'],
  ])
  it.each([
    ['ap', 0.3534653465346535], // rewards.md 2b: mAP .353
    ['ap50', 51 / 101],
    ['od-length', 0.3534653465346535], // 2 predictions for 2 objects: no length penalty
  ])('variant %s on the worked example', (variant, want) => {
    expect(score({ variant }, example).score).toBeCloseTo(want, 12)
  })

  it('halves odLength with 4 predictions for 2 objects (rewards.md 2b)', () => {
    const four = answerOf([
      [[0, 0, 82, 100], 'cat'],
      [[300, 300, 310, 310], 'cat'],
      [[700, 700, 710, 710], 'cat'],
      [[800, 800, 810, 810], 'cat'],
    ])
    const out = score({}, four)
    expect(out.components?.lengthFactor).toBe(0.5)
    expect(out.score).toBeCloseTo((out.components?.ap as number) * 0.5, 12)
  })

  it('reproduces the weighted_sum example: IoUs .8 and .6, one false alarm → .74', () => {
    const ref = [
      { box: [0, 0, 100, 100], label: 'a' },
      { box: [200, 0, 300, 100], label: 'b' },
    ]
    const ans = answerOf([
      [[0, 0, 80, 100], 'a'],
      [[200, 0, 260, 100], 'B'], // labels compare case-insensitively
      [[500, 500, 510, 510], 'a'],
    ])
    const out = score({ variant: 'weighted-sum' }, ans, ref)
    expect(out.score).toBeCloseTo(0.49 + 0.3 * (1 - 1 / 6), 12)
    expect(out.components).toMatchObject({ position: expect.closeTo(0.7, 12), completeness: expect.closeTo(5 / 6, 12) })
  })

  it.each([
    ['both None', '<answer>None</answer>', 'None', 1],
    ['both empty lists', '<answer>[]</answer>', [], 1],
    ['objects expected, none given', '<answer>[]</answer>', GT2, 0],
    ['no objects, some given', answerOf([[[0, 0, 5, 5], 'cat']]), [], 0],
    ['unparseable JSON = no objects', '<answer>[{"bbox_2d": [0, 0, 100, 100], "label": "cat"</answer>', GT2, 0],
    ['empty answer on an empty image: never rewarded', '<answer></answer>', [], 0],
    ['prose on an empty image (fixed): a parse failure is no pass', '<answer>nothing here</answer>', [], 0],
  ])('%s → %d', (_, response, reference, want) => {
    expect(score({}, response, reference).score).toBe(want)
  })

  it('takes unparseable prose as "no objects" in faithful mode only (VLM-R1)', () => {
    expect(score({ mode: 'faithful' }, '<answer>nothing here</answer>', []).score).toBe(1)
  })

  // VLM-R1 takes the last strict `<answer>(.*?)</answer>`; fixed mode also reads a spaced tag (here: the empty one)
  it.each([
    ['faithful', 1],
    ['fixed', 0],
  ])('reads a spaced < answer > tag in fixed mode only (%s → %d)', (mode, want) => {
    const response = `${answerOf([[[0, 0, 100, 100], 'cat']])} oh wait < answer >[]</answer>`
    const out = score({ mode, variant: 'ap50' }, response, [{ box: [0, 0, 100, 100], label: 'cat' }])
    expect(out.score).toBeCloseTo(want, 12)
  })

  it('takes the last <answer> and the fenced JSON inside it', () => {
    const wrong = answerOf([[[900, 900, 950, 950], 'cat']])
    const right = answerOf(
      [
        [[0, 0, 100, 100], 'cat'],
        [[500, 500, 600, 600], 'cat'],
      ],
      true,
    )
    expect(score({ variant: 'ap50' }, wrong + right).score).toBeCloseTo(1, 12)
  })

  it('maps boxes from the named space: norm1000 on a 2000×1000 image', () => {
    const ans = answerOf([
      [[0, 0, 50, 100], 'cat'],
      [[250, 500, 300, 600], 'cat'],
    ])
    const out = scoreWith(detectionMapReward, { coordSpace: 'norm1000' }, ans, gt2, {
      images: [{ width: 2000, height: 1000 }],
    })
    expect(out.score).toBeCloseTo(1, 12)
  })

  it.each([
    ['no <answer>', 'the cat is at 0,0', { code: 'no_answer' }],
    ['no coordinate space', answerOf([[[0, 0, 1, 1], 'cat']]), { code: 'missing_input' }],
    ['bad reference', answerOf([[[0, 0, 1, 1], 'cat']]), { code: 'invalid_reference' }],
  ])('%s → invalid', (name, response, reason) => {
    const params = name === 'no coordinate space' ? {} : px
    const ref = name === 'bad reference' ? [{ box: [5, 5, 1, 1] }] : gt2
    const out = scoreWith(detectionMapReward, params, response, ref)
    expect(out).toMatchObject({ valid: false, score: 0, reason })
  })
})

describe('detection-map: predicted boxes with one side inverted (negative area)', () => {
  const ref = [{ box: [0, 0, 100, 100], label: 'cat' }]
  const hit = [[0, 0, 100, 100], 'cat'] as const
  const inv = [[300, 300, 400, 200], 'cat'] as const
  it.each([
    // audit: pycocotools' area filter ignores the unmatched inverted box, so VLM-R1 scores the hit alone
    ['faithful', 'ap50', [inv, hit], 1],
    // rewards.md §2b: FP then TP, precision [.5, .5] at recall [0, 1], so AP .5
    ['fixed', 'ap50', [inv, hit], 0.5],
    ['fixed', 'od-length', [inv, hit], 0.25], // and the length factor ½
    // spraying inverted boxes before the hit: free in faithful, 1/11 in fixed
    ['faithful', 'ap50', [...Array(10).fill(inv), hit], 1],
    ['fixed', 'ap50', [...Array(10).fill(inv), hit], 1 / 11],
    ['fixed', 'ap50', [hit, inv], 1], // after every hit, a false positive lowers no interpolated precision
  ] as const)('%s %s, %#', (mode, variant, objs, want) => {
    expect(score({ mode, variant }, answerOf(objs), ref).score).toBeCloseTo(want, 12)
  })
})

describe('detection-map hack resistance (default od-length, fixed)', () => {
  // an honest, imperfect answer: both objects found, one loosely
  const honest = score(
    {},
    answerOf([
      [[0, 0, 100, 100], 'cat'],
      [[510, 510, 600, 600], 'cat'],
    ]),
  ).score
  const hacks: [string, string][] = [
    ['whole-image box', answerOf([[[0, 0, 2048, 2048], 'cat']])],
    [
      'box spraying',
      answerOf(
        Array.from(
          { length: 100 },
          (_, i) =>
            [
              [(i % 10) * 60, Math.floor(i / 10) * 60, (i % 10) * 60 + 100, Math.floor(i / 10) * 60 + 100],
              'cat',
            ] as const,
        ),
      ),
    ],
    [
      'duplicates',
      answerOf([
        [[0, 0, 100, 100], 'cat'],
        [[0, 0, 100, 100], 'cat'],
        [[0, 0, 100, 100], 'cat'],
        [[0, 0, 100, 100], 'cat'],
      ]),
    ],
    [
      'degenerate',
      answerOf([
        [[0, 0, 0, 100], 'cat'],
        [[500, 500, 600, 500], 'cat'],
      ]),
    ],
    [
      'inverted',
      answerOf([
        [[100, 100, 0, 0], 'cat'],
        [[600, 600, 500, 500], 'cat'],
      ]),
    ],
    [
      'negative',
      answerOf([
        [[-100, -100, -1, -1], 'cat'],
        [[-600, -600, -500, -500], 'cat'],
      ]),
    ],
    ['NaN (not JSON)', '<answer>[{"bbox_2d": [NaN, 0, 100, 100], "label": "cat"}]</answer>'],
    [
      'out of image',
      answerOf([
        [[5000, 5000, 6000, 6000], 'cat'],
        [[7000, 7000, 8000, 8000], 'cat'],
      ]),
    ],
    [
      'labels not in the ground truth',
      answerOf([
        [[0, 0, 100, 100], 'cat'],
        [[500, 500, 600, 600], 'cat'],
        [[0, 0, 100, 100], 'dog'],
        [[500, 500, 600, 600], 'bird'],
      ]),
    ],
    ['empty answer', '<answer></answer>'],
    ['answer copied from the prompt', '<answer>[{"bbox_2d": [x1, y1, x2, y2], "label": "cat"}]</answer>'],
  ]
  it.each(hacks)('%s scores below the honest answer', (_, response) => {
    const out = score({}, response)
    expect(honest).toBeGreaterThan(0.5)
    expect(out.score).toBeLessThan(honest)
  })
})

describe('detection-map properties', () => {
  it('never throws and stays in [0, 1] on arbitrary output', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.constantFrom('ap', 'ap50', 'od-length', 'weighted-sum'),
        (s, variant) => {
          for (const r of [s, `<answer>${s}</answer>`]) {
            const out = score({ variant }, r)
            if (!(out.score >= 0 && out.score <= 1)) return false
          }
          return true
        },
      ),
    )
  })
  it('is 1 for a perfect answer in any order, and lengthFactor is min(1, gt/pred)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.nat(900), fc.nat(900), fc.integer({ min: 5, max: 100 }), fc.integer({ min: 5, max: 100 })),
          { minLength: 1, maxLength: 8 },
        ),
        (raw) => {
          const ref = raw.map(([x, y, w, h], i) => ({ box: [x, y, x + w, y + h], label: `c${i % 3}` }))
          const ans = answerOf([...ref].reverse().map((g) => [g.box, g.label] as const))
          return Math.abs(score({ variant: 'ap50' }, ans, ref).score - 1) < 1e-9 || hasDuplicateBoxes(ref)
        },
      ),
    )
    expect(lengthFactor(3, 2)).toBe(1)
    expect(lengthFactor(2, 8)).toBe(0.25)
    expect(weightedSum([], []).score).toBe(1)
  })
})

function hasDuplicateBoxes(ref: { box: number[] }[]): boolean {
  return new Set(ref.map((r) => r.box.join())).size !== ref.length
}
