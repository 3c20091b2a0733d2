import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RewardOutput, ScoreItem } from '../../../core/index.js'
import { iou } from '../../geometry/index.js'
import { parsePyBoxList } from './py-box-list.js'
import { SatoriBboxParams, satoriBboxReward } from './reward.js'

function run(response: string, params: Record<string, unknown> = {}, item: Partial<ScoreItem> = {}): RewardOutput {
  const full: ScoreItem = { response, reference: [[0, 0, 15, 15]], images: [{ width: 100, height: 100 }], ...item }
  return satoriBboxReward.score({
    response,
    reference: full.reference,
    item: full,
    params: SatoriBboxParams.parse({ coordSpace: 'pixel', ...params }),
    context: { services: {} },
  }) as RewardOutput
}
const score = (response: string, params?: Record<string, unknown>, item?: Partial<ScoreItem>) =>
  run(response, params, item).score

describe('satori-bbox: rewards.md §5a', () => {
  it('worked example: union 175 against gt [0,0,15,15] → 175/225', () => {
    expect(score('<caption>c</caption><bbox>[[0,0,10,10],[5,5,15,15]]</bbox><answer>a</answer>')).toBeCloseTo(0.7778, 4)
  })
  it('rescales from SATORI’s smart_resize (min 200704, max 401408): 1000×1000 is seen as 616×616', () => {
    const item = { images: [{ width: 1000, height: 1000 }], reference: [[0, 0, 500, 500]] }
    expect(score('<bbox>[[0, 0, 308, 308]]</bbox>', { coordSpace: undefined }, item)).toBeCloseTo(1, 6)
  })
  it('a flat list of four is one box', () => {
    expect(score('<bbox>[0, 0, 15, 15]</bbox>')).toBeCloseTo(1, 6)
  })
  it('meta.coordSpace beats the pixel-resized fallback', () => {
    expect(
      score('<bbox>[[0,0,150,150]]</bbox>', { coordSpace: undefined }, { meta: { coordSpace: 'norm1000' } }),
    ).toBeCloseTo(1, 6)
  })
})

describe('satori-bbox: parsing as ast.literal_eval', () => {
  it.each([
    [
      '[[0, 0, 10, 10], [5, 5, 15, 15],]',
      [
        [0, 0, 10, 10],
        [5, 5, 15, 15],
      ],
    ], // a trailing comma is Python
    [' [ [1,2,3,4] ] ', [[1, 2, 3, 4]]],
    ['[-1, +2., .5, 1e3]', [[-1, 2, 0.5, 1000]]],
    ['[1_000, 2, 3, 4]', [[1000, 2, 3, 4]]],
    ['[]', []],
    ['[[1,2,3]]', undefined], // not 4 numbers
    ['[1 2 3 4]', undefined], // no commas: a SyntaxError in Python
    ['[[1,2,3,4]] and more', undefined],
    ['[[1,2,3,4],[1,2,3,4,5]]', undefined],
    ['[1a,2,3,4]', undefined],
    ['((1,2,3,4))', undefined], // tuples are not lists
    ['[[1,2,3,4], "x"]', undefined],
  ])('%j → %j', (text, expected) => {
    expect(parsePyBoxList(text)).toEqual(expected)
  })
})

describe('satori-bbox: hack resistance (no higher than an honest, imperfect answer)', () => {
  const honest = score('<bbox>[[1,1,14,16]]</bbox>') // about 0.8
  it.each([
    ['whole image', '<bbox>[[0,0,100,100]]</bbox>'],
    [
      'many boxes tiling the image',
      `<bbox>[${Array.from({ length: 100 }, (_, k) => `[${(k % 10) * 10},${Math.floor(k / 10) * 10},${(k % 10) * 10 + 10},${Math.floor(k / 10) * 10 + 10}]`).join(',')}]</bbox>`,
    ],
    ['too many boxes', `<bbox>[${'[0,0,15,15],'.repeat(300)}]</bbox>`],
    ['degenerate', '<bbox>[[0,0,0,15]]</bbox>'],
    ['inverted (fixed mode)', '<bbox>[[15,15,0,0]]</bbox>'],
    ['negative', '<bbox>[[-15,-15,0,0]]</bbox>'],
    ['non-finite', '<bbox>[[0,0,1e999,15]]</bbox>'],
    ['out of the image', '<bbox>[[200,200,300,300]]</bbox>'],
    ['empty list', '<bbox>[]</bbox>'],
    ['empty block', '<bbox></bbox>'],
    ['no block', '[[0,0,15,15]]'],
    ['copied from the prompt', '<bbox>[[x1, y1, x2, y2]]</bbox>'],
  ])('%s', (_, response) => {
    expect(honest).toBeGreaterThan(0.75)
    expect(score(response)).toBeLessThan(honest)
  })
  it('faithful mode normalises an inverted box as shapely does; fixed rejects it', () => {
    expect(score('<bbox>[[15,15,0,0]]</bbox>', { mode: 'faithful' })).toBeCloseTo(1, 6)
    expect(run('<bbox>[[15,15,0,0]]</bbox>')).toMatchObject({ valid: false, reason: { code: 'unparseable_answer' } })
  })
})

describe('satori-bbox: properties', () => {
  const c = fc.integer({ min: 0, max: 100 })
  const box = fc.tuple(c, c, c, c).filter(([a, b, x, y]) => a < x && b < y)
  it('one box each side: the IoU up to the 1e-6 of the reference', () => {
    fc.assert(
      fc.property(box, box, (p, g) => {
        const s = score(`<bbox>[[${p.join(',')}]]</bbox>`, {}, { reference: [g] })
        expect(s).toBeCloseTo(iou(p, g), 6)
        expect(s).toBeGreaterThanOrEqual(0)
        expect(s).toBeLessThanOrEqual(1)
      }),
    )
  })
  it('repeating a box changes nothing', () => {
    fc.assert(
      fc.property(box, (p) => {
        expect(score(`<bbox>[[${p.join(',')}],[${p.join(',')}]]</bbox>`)).toBe(score(`<bbox>[[${p.join(',')}]]</bbox>`))
      }),
    )
  })
})
