import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RewardOutput, ScoreItem } from '../../../core/index.js'
import { iou } from '../../geometry/index.js'
import { BoxIouParams, boxIouReward } from './reward.js'

const GT = [110, 100, 210, 200] as const
const IMAGE = { width: 1000, height: 800 }

function run(response: string, params: Record<string, unknown> = {}, item: Partial<ScoreItem> = {}): RewardOutput {
  const full: ScoreItem = { response, reference: GT, images: [IMAGE], ...item }
  const out = boxIouReward.score({
    response,
    reference: full.reference,
    item: full,
    params: BoxIouParams.parse({ coordSpace: 'pixel', ...params }),
    context: { services: {} },
  })
  return out as RewardOutput
}
const score = (response: string, params?: Record<string, unknown>, item?: Partial<ScoreItem>) =>
  run(response, params, item).score

describe('box-iou: rewards.md §2a worked example and iou_px', () => {
  it.each([
    // the worked example: inter 90·100, union 11000
    ['faithful', '<answer>[100,100,200,200]</answer>', 0.8181818],
    ['fixed', '<answer>[100,100,200,200]</answer>', 0.8181818],
    // a 1 px overlap: iou_px counts it as 0, the continuous IoU does not
    ['faithful', '<answer>[0,100,111,200]</answer>', 0],
    ['fixed', '<answer>[0,100,111,200]</answer>', 100 / (11100 + 10000 - 100)],
    // VLM-R1's regex takes integers only: a decimal box does not match in faithful mode
    ['faithful', '<answer>[100.0,100,200,200]</answer>', 0],
    ['fixed', '<answer>[100.0,100,200,200]</answer>', 0.8181818],
    // a space before "]" or after "[" breaks VLM-R1's regex, not the plain parser
    ['faithful', '<answer>[ 100, 100, 200, 200 ]</answer>', 0],
    ['fixed', '<answer>[ 100, 100, 200, 200 ]</answer>', 0.8181818],
    // the first box counts; later boxes cannot help
    ['fixed', '<answer>[0,0,10,10] [110,100,210,200]</answer>', 0],
    // the first <answer> block (VLM-R1 §2a), not the last
    ['faithful', '<answer>[100,100,200,200]</answer><answer>[110,100,210,200]</answer>', 0.8181818],
  ])('%s %s → %f', (mode, response, expected) => {
    expect(score(response, { mode })).toBeCloseTo(expected, 6)
  })
})

describe('box-iou: coordinate spaces (never guessed)', () => {
  it('maps pixel-resized answers through smart_resize (1522×1022 → 1512×1008)', () => {
    const item = { images: [{ width: 1522, height: 1022 }], reference: [0, 0, 1522, 1022] }
    expect(score('<answer>[0,0,1512,1008]</answer>', { coordSpace: 'pixel-resized' }, item)).toBeCloseTo(1, 12)
  })
  it('uses inputWidth/inputHeight when the item gives them', () => {
    const item = {
      images: [{ width: 2000, height: 1600, inputWidth: 1000, inputHeight: 800 }],
      reference: [220, 200, 420, 400],
    }
    expect(score('<answer>[110,100,210,200]</answer>', { coordSpace: 'pixel-resized' }, item)).toBeCloseTo(1, 12)
  })
  it('reads Qwen3-VL JSON in norm1000 named by item meta', () => {
    const response = '<answer>```json\n[{"bbox_2d": [110, 125, 210, 250], "label": "cat"}]\n```</answer>'
    const out = run(response, { coordSpace: undefined, format: 'qwen-json' }, { meta: { coordSpace: 'norm1000' } })
    expect(out.score).toBeCloseTo(1, 12)
  })
  it('the param wins over meta', () => {
    expect(
      score('<answer>[110,100,210,200]</answer>', { coordSpace: 'pixel' }, { meta: { coordSpace: 'norm1000' } }),
    ).toBe(1)
  })
  it('converts xywh answers named by meta.boxOrder', () => {
    expect(score('<answer>[110,100,100,100]</answer>', {}, { meta: { boxOrder: 'xywh' } })).toBe(1)
  })
  it('without a space is invalid with missing_input, whatever the magnitudes', () => {
    const out = run('<answer>[110,100,210,200]</answer>', { coordSpace: undefined })
    expect(out).toMatchObject({ valid: false, score: 0, reason: { code: 'missing_input', field: 'meta.coordSpace' } })
  })
  it('a normalised space without image sizes is invalid with missing_input', () => {
    const out = run('<answer>[110,100,210,200]</answer>', { coordSpace: 'norm1000' }, { images: [] })
    expect(out).toMatchObject({ valid: false, reason: { code: 'missing_input', field: 'images[0].width/height' } })
  })
})

describe('box-iou: hack resistance (each scores no higher than an honest, imperfect answer)', () => {
  const honest = score('<answer>[105,95,205,205]</answer>') // about 0.77
  it.each([
    ['whole image', '<answer>[0,0,1000,800]</answer>'],
    ['far beyond the image', '<answer>[-5000,-5000,5000,5000]</answer>'],
    ['degenerate (zero width)', '<answer>[150,100,150,200]</answer>'],
    ['inverted', '<answer>[210,200,110,100]</answer>'],
    ['negative', '<answer>[-210,-200,-110,-100]</answer>'],
    ['non-finite', '<answer>[1e999,100,210,200]</answer>'],
    ['NaN written out', '<answer>[NaN, 100, 210, 200]</answer>'],
    ['out of the image', '<answer>[1100,900,1200,1000]</answer>'],
    ['empty answer', '<answer>  </answer>'],
    ['no answer block', '[110,100,210,200]'],
    ['copied from the prompt', '<answer>Output the box of the cat as [x1, y1, x2, y2].</answer>'],
    ['many boxes', `<answer>${'[0,0,1000,800] '.repeat(50)}</answer>`],
    ['10 MB of junk', `<answer>${'['.repeat(10 << 20)}</answer>`],
  ])('%s', (_, response) => {
    expect(honest).toBeGreaterThan(0.7)
    for (const mode of ['fixed', 'faithful']) expect(score(response, { mode })).toBeLessThan(honest)
  })

  it('gives structured reasons', () => {
    expect(run('<answer></answer>').reason).toEqual({ code: 'empty_answer' })
    expect(run('nothing').reason).toEqual({ code: 'no_answer', expected: '<answer>…</answer>' })
    expect(run('<answer>[210,200,110,100]</answer>').reason).toMatchObject({ code: 'unparseable_answer' })
    expect(run('<answer>[0,0,10,10]</answer>').reason).toMatchObject({ code: 'wrong_answer' })
  })
})

describe('box-iou: references and params', () => {
  it.each([[undefined], [[1, 2, 3]], [[10, 10, 5, 5]], ['[1,2,3,4]']])('reference %j is rejected', (reference) => {
    const out = run('<answer>[1,2,3,4]</answer>', {}, { reference })
    expect(out.valid).toBe(false)
    expect(['missing_reference', 'invalid_reference']).toContain(out.reason.code)
  })
  it('accepts a one-box list as reference', () => {
    expect(score('<answer>[110,100,210,200]</answer>', {}, { reference: [[110, 100, 210, 200]] })).toBe(1)
  })
  it('threshold turns the IoU into ACC@t and keeps the IoU as a component', () => {
    expect(run('<answer>[100,100,200,200]</answer>', { threshold: 0.5 })).toMatchObject({
      score: 1,
      components: { iou: expect.closeTo(0.818, 3) },
    })
    expect(score('<answer>[100,100,200,200]</answer>', { threshold: 0.9 })).toBe(0)
  })
  it('defaults to Qwen2.5-VL smart_resize params, and takes Qwen3-VL ones', () => {
    expect(BoxIouParams.parse({}).resize).toEqual({ factor: 28, minPixels: 3136, maxPixels: 12845056 })
    // Qwen3-VL's 32-px grid sees 1920×1080 as 1920×1088 (the 28-px default: 1932×1092)
    const item = { images: [{ width: 1920, height: 1080 }], reference: [0, 0, 1920, 1080] }
    const params = { coordSpace: 'pixel-resized', resize: { factor: 32 } }
    expect(score('<answer>[0,0,1920,1088]</answer>', params, item)).toBeCloseTo(1, 12)
    expect(score('<answer>[0,0,1920,1088]</answer>', { coordSpace: 'pixel-resized' }, item)).toBeLessThan(0.999)
  })
  it.each([
    { resize: { minPixels: 10, maxPixels: 5 } },
    { threshold: 0 },
    { threshold: 1.5 },
    { format: 'auto' },
    { coordSpace: 'norm100' },
    { resize: { factor: 0 } },
  ])('rejects params %j at compile time', (params) => {
    expect(() => BoxIouParams.parse(params)).toThrow()
  })
})

describe('box-iou: properties', () => {
  const coord = fc.integer({ min: 0, max: 999 })
  const box = fc.tuple(coord, coord, coord, coord)
  it('fixed mode equals the continuous IoU of the answered box, and is symmetric in range', () => {
    fc.assert(
      fc.property(box, (b) => {
        const s = score(`<answer>[${b.join(', ')}]</answer>`)
        expect(s).toBeGreaterThanOrEqual(0)
        expect(s).toBeLessThanOrEqual(1)
        const proper = b[0] < b[2] && b[1] < b[3]
        expect(s).toBe(proper ? iou(b, GT) : 0)
      }),
    )
  })
  it('faithful never exceeds fixed (iou_px only removes thin overlaps)', () => {
    fc.assert(
      fc.property(box, (b) => {
        const r = `<answer>[${b.join(',')}]</answer>`
        expect(score(r, { mode: 'faithful' })).toBeLessThanOrEqual(score(r) + 1e-12)
      }),
    )
  })
})
