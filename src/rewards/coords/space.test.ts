import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { COORD_SPACES, type CoordSpace } from '../../core/index.js'
import {
  boxToPixels,
  type CoordMapping,
  coordMapping,
  guessCoordSpace,
  isMissing,
  pointToPixels,
  resolveBoxOrder,
  resolveCoordSpace,
  toPixels,
} from './space.js'

const IMAGE = { width: 1000, height: 500 }
const mapping = (space: CoordSpace, image: object = IMAGE): CoordMapping => {
  const m = coordMapping(space, image)
  if (isMissing(m)) throw new Error(m.expected)
  return m
}

describe('toPixels: every space of interfaces.md §1 to original pixels (1000×500 image)', () => {
  it.each([
    ['pixel', [100, 50, 300, 250], [100, 50, 300, 250]],
    ['norm1000', [100, 100, 300, 500], [100, 50, 300, 250]], // Qwen2-VL, Qwen3-VL, InternVL: x/1000·W
    ['norm1', [0.1, 0.1, 0.3, 0.5], [100, 50, 300, 250]], // Aguvis, lmms-eval RefCOCO
    ['pct100', [10, 10, 30, 50], [100, 50, 300, 250]], // Molmo
    ['loc1024-yx', [102.4, 102.4, 512, 307.2], [100, 50, 300, 250]], // PaliGemma: y first, /1024
    ['loc1000-florence', [99.5, 99.5, 299.5, 499.5], [100, 50, 300, 250]], // Florence-2: (q + 0.5)/1000
    ['norm1000-yx', [100, 100, 500, 300], [100, 50, 300, 250]], // Gemini box_2d: [ymin, xmin, ymax, xmax]
  ] as const)('%s', (space, raw, px) => {
    const out = toPixels(raw, space, IMAGE)!
    out.forEach((v, i) => {
      expect(v).toBeCloseTo(px[i]!, 9)
    })
  })

  it('pixel-resized uses smart_resize of the original size (Qwen2.5-VL)', () => {
    // smart_resize(1022, 1522) = (1008, 1512): a box on the resized image scales by 1522/1512 and 1022/1008
    const out = toPixels([1512, 1008, 1512, 1008], 'pixel-resized', { width: 1522, height: 1022 })!
    expect(out).toEqual([1522, 1022, 1522, 1022])
  })

  it('pixel-resized prefers the input size the model saw, when given', () => {
    const image = { width: 2000, height: 1000, inputWidth: 1000, inputHeight: 500 }
    expect(toPixels([10, 10, 20, 20], 'pixel-resized', image)).toEqual([20, 20, 40, 40])
  })

  it('pixel-resized takes the resize params (Qwen3-VL factor 32)', () => {
    expect(mapping('pixel-resized', { width: 1920, height: 1080 }).unitsY).toBe(1092) // factor 28 default
    const m32 = coordMapping('pixel-resized', { width: 1920, height: 1080 }, { factor: 32 }) as CoordMapping
    expect(m32.unitsY).toBe(1088)
  })

  it('converts xywh and cxcywh orders to corners before scaling', () => {
    const m = mapping('norm1000')
    expect(boxToPixels([100, 100, 200, 400], m, 'xywh')).toEqual([100, 50, 300, 250])
    expect(boxToPixels([200, 300, 200, 400], m, 'cxcywh')).toEqual([100, 50, 300, 250])
  })

  it('maps points, swapping y-first spaces', () => {
    expect(pointToPixels([500, 250], mapping('norm1000-yx'))).toEqual([250, 250])
    expect(pointToPixels([61.5, 40], mapping('pct100'))).toEqual([615, 200])
  })

  it('keeps inverted and non-finite boxes as they are (never repaired)', () => {
    const out = boxToPixels([300, 100, 100, Number.NaN], mapping('norm1000'))
    expect(out[0]).toBeGreaterThan(out[2])
    expect(out[3]).toBeNaN()
  })
})

describe('coordMapping needs the image size', () => {
  it.each(COORD_SPACES.filter((s) => s !== 'pixel'))('%s without a size is missing_input', (space) => {
    expect(coordMapping(space, undefined)).toMatchObject({ code: 'missing_input', field: 'images[0].width/height' })
    expect(coordMapping(space, { width: 0, height: 10 })).toMatchObject({ code: 'missing_input' })
    expect(coordMapping(space, { width: Number.NaN, height: 10 })).toMatchObject({ code: 'missing_input' })
  })
  it('pixel needs none', () => {
    expect(isMissing(coordMapping('pixel', undefined))).toBe(false)
  })
  it('pixel-resized of an image smart_resize rejects (aspect ratio > 200) is missing_input', () => {
    expect(coordMapping('pixel-resized', { width: 5000, height: 10 })).toMatchObject({ code: 'missing_input' })
  })
})

describe('normalised spaces invert the normalisation', () => {
  it('x/W·1000 in norm1000 maps back to x', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (w, h, t) => {
          const x = t * w
          const y = t * h
          const [px, py] = pointToPixels([(x / w) * 1000, (y / h) * 1000], mapping('norm1000', { width: w, height: h }))
          expect(px).toBeCloseTo(x, 6)
          expect(py).toBeCloseTo(y, 6)
        },
      ),
    )
  })
})

describe('resolveCoordSpace: never guessed', () => {
  it.each([
    ['norm1', { coordSpace: 'norm1000' }, undefined, 'norm1'], // the reviewed spec's param wins over item meta
    [undefined, { coordSpace: 'norm1000' }, 'pixel', 'norm1000'], // meta wins over the reward's fallback
    [undefined, undefined, 'pct100', 'pct100'], // the fallback fixed by a format or paper
  ] as const)('param %s, meta %j, fallback %s → %s', (param, meta, fallback, expected) => {
    expect(resolveCoordSpace(param, meta, fallback)).toBe(expected)
  })
  it('is missing_input with none of the three, or an unknown meta value', () => {
    expect(resolveCoordSpace(undefined, undefined)).toMatchObject({ code: 'missing_input', field: 'meta.coordSpace' })
    expect(resolveCoordSpace(undefined, { coordSpace: 'norm999' }, 'pixel')).toMatchObject({ code: 'missing_input' })
  })
  it('box order falls back to xyxy', () => {
    expect(resolveBoxOrder(undefined, { boxOrder: 'xywh' })).toBe('xywh')
    expect(resolveBoxOrder(undefined, { boxOrder: 'nope' })).toBe('xyxy')
    expect(resolveBoxOrder('cxcywh', { boxOrder: 'xywh' })).toBe('cxcywh')
  })
})

describe('guessCoordSpace (evaluation only)', () => {
  it.each([
    [[0.1, 0.9], 'norm1'],
    [[1.2, 1.5], 'norm1'],
    [[10, 999], 'norm1000'],
    [[10, 1001], 'pixel'],
  ] as const)('%j → %s', (values, space) => {
    expect(guessCoordSpace(values)).toBe(space)
  })
})
