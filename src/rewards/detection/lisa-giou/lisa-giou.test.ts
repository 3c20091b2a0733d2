import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scoreWith } from '../test-utils/harness.js'
import { lisaBox } from './lisa-giou.js'
import { lisaGiouReward } from './reward.js'

const IMG = { images: [{ width: 1000, height: 500 }] }
const GT = [{ box: [100, 50, 500, 250] }] // norm1000 (100,100),(500,500) on a 1000×500 image
const score = (response: string, params: Record<string, unknown> = {}, item = IMG) =>
  scoreWith(lisaGiouReward, params, response, GT, item)

describe('lisaBox', () => {
  it.each([
    ['(1,2),(3,4)', 'fixed', [1, 2, 3, 4]],
    ['( 1 , 2 ) , ( 3 , 4 )', 'fixed', [1, 2, 3, 4]], // whitespace everywhere the regex allows
    ['(10,20),(30,40) (50,60),(70,80)', 'fixed', [10, 20, 30, 40]],
    ['(10,20),(30,40) (50,60),(70,80)', 'faithful', [10, 20, 50, 60]], // QUIRK: second box's top-left
    ['(10,20),(30,40)', 'faithful', [10, 20, 30, 40]], // one box: no difference
    ['(-1,2),(3,4)', 'fixed', undefined], // integers only, no sign
    ['(1.5,2),(3,4)', 'fixed', undefined], // no decimals
  ] as const)('%s (%s)', (text, mode, want) => expect(lisaBox(text, mode)).toEqual(want))
})

describe('lisa-giou reward (rewards.md 1c)', () => {
  it.each([
    ['exact box', '<answer>(100,100),(500,500)</answer>', 2],
    // disjoint: GIoU = 0 − (C − U)/C with C = 900×200 (pixels), U = 2·400×200
    ['disjoint box', '<answer>(600,100),(1000,500)</answer>', 1 - (900 * 200 - 160000) / (900 * 200)],
    ['no box', '<answer>the dog on the left</answer>', 0],
    ['inverted box', '<answer>(500,500),(100,100)</answer>', 0],
  ])('%s → %d', (_, response, want) => {
    expect(score(response).score).toBeCloseTo(want, 12)
  })

  // faithful: strict tags as the reference's regex, so a spaced tag is no tag and the whole output is read, whose
  // first box (with the corner QUIRK: (0,0),(100,100)) misses: GIoU = −(250000 − 170000)/250000 (scale-free)
  it.each([
    ['faithful', 1 - 80000 / 250000],
    ['fixed', 2],
  ])('reads a spaced < answer > tag in fixed mode only (%s → %d)', (mode, want) => {
    expect(score('(0,0),(10,10) < answer >(100,100),(500,500)</answer>', { mode }).score).toBeCloseTo(want, 12)
  })

  it('uses the named space when given: pixel', () => {
    expect(score('<answer>(100,50),(500,250)</answer>', { coordSpace: 'pixel' }).score).toBeCloseTo(2, 12)
  })

  it('needs the image size for norm1000', () => {
    expect(score('<answer>(100,100),(500,500)</answer>', {}, { images: [] })).toMatchObject({
      valid: false,
      reason: { code: 'missing_input' },
    })
  })
})

describe('lisa-giou hack resistance', () => {
  const honest = score('<answer>(120,110),(520,480)</answer>').score
  it.each([
    ['whole-image box', '<answer>(0,0),(1000,1000)</answer>'],
    [
      'box spraying',
      `<answer>${Array.from({ length: 50 }, (_, i) => `(${i * 20},0),(${i * 20 + 20},1000)`).join(', ')}</answer>`,
    ],
    ['duplicates', '<answer>(0,0),(1000,1000) (0,0),(1000,1000)</answer>'],
    ['degenerate', '<answer>(300,300),(300,300)</answer>'],
    ['inverted', '<answer>(500,500),(100,100)</answer>'],
    ['negative', '<answer>(-100,-100),(-10,-10)</answer>'],
    ['NaN', '<answer>(NaN,NaN),(NaN,NaN)</answer>'],
    ['out of image', '<answer>(2000,2000),(3000,3000)</answer>'],
    ['empty answer', '<answer></answer>'],
    ['answer copied from the prompt', '<answer>(x1,y1),(x2,y2)</answer>'],
  ])('%s scores below the honest answer', (_, response) => {
    expect(honest).toBeGreaterThan(1.7)
    expect(score(response).score).toBeLessThan(honest)
  })
})

describe('lisa-giou properties', () => {
  it('never throws and stays in [0, 2]', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom('fixed', 'faithful'), (s, mode) => {
        const v = score(`<answer>${s}</answer>`, { mode }).score
        return v >= 0 && v <= 2
      }),
    )
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.nat(1000), fc.nat(1000), (a, b, c, d) => {
        const v = score(`<answer>(${a},${b}),(${c},${d})</answer>`).score
        return v >= 0 && v <= 2
      }),
    )
  })
})
