import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RewardOutput, ScoreItem } from '../../../core/index.js'
import { gaussianParts } from './gui-gaussian.js'
import { GuiGaussianParams, guiGaussianReward } from './reward.js'

const GT = [100, 100, 200, 150] as const

function run(response: string, params: Record<string, unknown> = {}, item: Partial<ScoreItem> = {}): RewardOutput {
  const full: ScoreItem = { response, reference: GT, images: [{ width: 1000, height: 800 }], ...item }
  return guiGaussianReward.score({
    response,
    reference: full.reference,
    item: full,
    params: GuiGaussianParams.parse({ coordSpace: 'pixel', ...params }),
    context: { services: {} },
  }) as RewardOutput
}

describe('gui-gaussian: rewards.md §4 worked examples (gt [100,100,200,150])', () => {
  it.each([
    [[110, 105, 210, 155], 0.961, 0.99], // shifted by (10, 5): same size, coverage only loses the offset
    [[130, 110, 190, 140], 0.98, 0.876], // smaller and shifted in x: coverage pays for the size mismatch
    [[300, 300, 340, 320], 0, 0], // far away
  ] as const)('%j → point %f, coverage %f', (pred, point, coverage) => {
    expect(gaussianParts(pred, GT)).toEqual({ point, coverage })
    for (const mode of ['fixed', 'faithful']) {
      expect(run(`[${pred.join(',')}]`, { mode })).toMatchObject({ components: { point, coverage, format: 1 } })
      expect(run(`[${pred.join(',')}]`, { mode }).score).toBeCloseTo(point + coverage + 1, 12)
    }
  })
})

describe('gui-gaussian: format and parsing', () => {
  it.each([
    ['[110,105,210,155]', 1],
    ['[ 110 , 105 , 210 , 155 ]', 1], // \s* everywhere inside the brackets
    ['The box is [110,105,210,155]', 0], // fullmatch: nothing around the box
    ['[110.5,105,210,155]', 0], // integers only in the format reward
  ])('format of %j is %d', (response, format) => {
    expect(run(response).components?.format).toBe(format)
  })
  it('faithful reads the format after the last "assistant\\n", fixed trims', () => {
    expect(run('user\nhi\nassistant\n[1,2,3,4]', { mode: 'faithful' }).components?.format).toBe(1)
    expect(run(' [110,105,210,155]\n', { mode: 'faithful' }).components?.format).toBe(0)
    expect(run(' [110,105,210,155]\n').components?.format).toBe(1)
  })
  it('accepts decimals and negatives in the accuracy parse (both modes)', () => {
    for (const mode of ['fixed', 'faithful'])
      expect(run('[110.0,105,210,155.0]', { mode }).components?.point).toBe(0.961)
  })
  it('maps norm1000 answers to pixels first', () => {
    const out = run('[110,131.25,210,193.75]', { coordSpace: 'norm1000' }, { images: [{ width: 1000, height: 800 }] })
    expect(out.components).toMatchObject({ point: 0.961, coverage: 0.99 })
  })
})

describe('gui-gaussian: a ground truth of zero width or height (rewards.md §4: division error, hence 0)', () => {
  // point and coverage are 0 (the reference catches the error); its format reward is a separate function
  it.each([
    ['faithful', [100, 100, 100, 150], '[1,2,3,4]', 1], // audit: zero width; the format still pays 1
    ['fixed', [100, 100, 100, 150], '[1,2,3,4]', 1],
    ['faithful', [100, 100, 200, 100], '[100,100,200,100]', 1], // zero height, even the same box: only format
    ['fixed', [100, 100, 100, 150], 'a box: [1,2,3,4]', 0], // not the bare-box format: nothing
    ['fixed', [100, 100, 100, 150], 'no box', 0],
  ])('%s, gt %j, %j → %d', (mode, reference, response, score) => {
    const out = run(response, { mode }, { reference })
    expect(out).toMatchObject({ score, valid: false, reason: { code: 'invalid_reference' } })
    expect(out.components).toEqual({ point: 0, coverage: 0, format: score })
  })
  it('the format weight applies', () => {
    expect(run('[1,2,3,4]', { weights: { format: 0.5 } }, { reference: [0, 0, 0, 0] }).score).toBe(0.5)
  })
  it.each([
    [[200, 100, 100, 150]], // inverted: a broken reference, not the reference repo's division error
    [[100, 150, 200, 100]],
  ])('an inverted ground truth %j stays invalid with 0', (reference) => {
    expect(run('[1,2,3,4]', {}, { reference })).toMatchObject({ score: 0, reason: { code: 'invalid_reference' } })
  })
})

describe('gui-gaussian: hack resistance (no higher than an honest, imperfect box)', () => {
  const honest = run('[110,105,210,155]').score
  it.each([
    ['whole screen', '[0,0,1000,800]'],
    ['degenerate', '[150,125,150,125]'],
    ['inverted', '[200,150,100,100]'],
    ['negative', '[-200,-150,-100,-100]'],
    ['non-finite', '[1e999,100,200,150]'],
    ['out of the screen', '[2000,2000,2100,2050]'],
    ['empty', ''],
    ['copied from the prompt', 'Output the box [x1,y1,x2,y2] of the Submit button.'],
  ])('%s', (_, response) => {
    expect(honest).toBeGreaterThan(2.9)
    expect(run(response).score).toBeLessThan(honest)
    // faithful mode keeps GUI-G²'s inverted-box QUIRK (tested below)
    if (response !== '[200,150,100,100]') expect(run(response, { mode: 'faithful' }).score).toBeLessThan(honest)
  })
  it('faithful mode keeps the inverted-box QUIRK; fixed mode scores it 0', () => {
    expect(run('[210,155,110,105]', { mode: 'faithful' }).components).toMatchObject({ point: 0.961, coverage: 0.99 })
    expect(run('[210,155,110,105]')).toMatchObject({ valid: false, components: { point: 0, coverage: 0 } })
  })
})

describe('gui-gaussian: properties', () => {
  const c = fc.integer({ min: 0, max: 1000 })
  const box = fc.tuple(c, c, c, c).filter(([a, b, x, y]) => a < x && b < y)
  it('both parts lie in [0, 1], and a perfect box scores 1 on both', () => {
    fc.assert(
      fc.property(box, box, (p, g) => {
        const { point, coverage } = gaussianParts(p, g)
        expect(point).toBeGreaterThanOrEqual(0)
        expect(point).toBeLessThanOrEqual(1)
        expect(coverage).toBeGreaterThanOrEqual(0)
        expect(coverage).toBeLessThanOrEqual(1)
        expect(gaussianParts(g, g)).toEqual({ point: 1, coverage: 1 })
      }),
    )
  })
  it('coverage is symmetric', () => {
    fc.assert(
      fc.property(box, box, (p, g) => {
        expect(gaussianParts(p, g).coverage).toBe(gaussianParts(g, p).coverage)
      }),
    )
  })
})
