import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import fixture from './fixtures/smart-resize.json' with { type: 'json' }
import { QWEN3_RESIZE, roundHalfEven, smartResize } from './smart-resize.js'

const SATORI = { minPixels: 200704, maxPixels: 401408 }

// Expected values computed with qwen_vl_utils' smart_resize in CPython 3 (round is half-to-even).
describe('smartResize matches qwen_vl_utils', () => {
  it.each([
    [1022, 1522, {}, 1008, 1512], // UI-TARS-desktop #1730: 1022/28 = 36.5 rounds to 36, not 37
    [70, 42, {}, 56, 56], // 2.5 → 2 and 1.5 → 2: both halves go to the even neighbour
    [98, 126, {}, 112, 112], // 3.5 → 4 and 4.5 → 4
    [14, 14, {}, 56, 56], // below min_pixels: scaled up with ceil
    [640, 480, {}, 644, 476],
    [1080, 1920, {}, 1092, 1932],
    [4000, 3000, {}, 4004, 2996],
    [1080, 1920, { maxPixels: 1003520 }, 728, 1316], // HF processor default max: scaled down with floor
    [1080, 1920, QWEN3_RESIZE, 1088, 1920], // Qwen3-VL factor 32
    [1000, 1000, SATORI, 616, 616], // SATORI-R1's min/max
    [427, 640, SATORI, 420, 644],
    [50, 50, SATORI, 448, 448],
    [10, 1999, {}, 28, 1988], // the short side never drops below the factor
  ])('(%d, %d, %j) → (%d, %d)', (h, w, options, eh, ew) => {
    expect(smartResize(h, w, options)).toEqual({ height: eh, width: ew })
  })

  it.each([
    [10, 2001], // aspect ratio above 200: Python raises
    [0, 100],
    [Number.NaN, 100],
    [-5, 100],
    [100, Number.POSITIVE_INFINITY],
  ])('(%d, %d) has no resize', (h, w) => {
    expect(smartResize(h, w)).toBeUndefined()
  })

  it('gives multiples of the factor within the pixel budget', () => {
    fc.assert(
      fc.property(fc.integer({ min: 28, max: 8000 }), fc.integer({ min: 28, max: 8000 }), (h, w) => {
        fc.pre(Math.max(h, w) / Math.min(h, w) <= 200)
        const r = smartResize(h, w, { maxPixels: 1003520 })!
        expect(r.height % 28).toBe(0)
        expect(r.width % 28).toBe(0)
        expect(r.height * r.width).toBeLessThanOrEqual(1003520)
        expect(r.height * r.width).toBeGreaterThanOrEqual(3136)
      }),
    )
  })
})

describe('roundHalfEven', () => {
  it('sends halves to the even neighbour and rounds everything else to nearest', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ min: 0, max: 1, noNaN: true }), (k, frac) => {
        const x = k + frac
        const r = roundHalfEven(x)
        if (x - Math.floor(x) === 0.5) expect(Math.abs(r % 2)).toBe(0)
        else expect(r === Math.round(x)).toBe(true) // === : roundHalfEven(-0.2) is +0, Math.round(-0.2) is -0
      }),
    )
  })
})

// 400 cases, a third of them on exact halves of the factor, computed by qwen_vl_utils' code in CPython 3.
describe('smartResize agrees with CPython on the fixture', () => {
  it('matches every case', () => {
    for (const c of fixture.cases) {
      const got = smartResize(c.height, c.width, c)
      expect(got ? [got.height, got.width] : null, JSON.stringify(c)).toEqual(c.expected)
    }
  })
})
