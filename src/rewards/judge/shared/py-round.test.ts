import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { pyRound } from './py-round.js'

/** The exact value of a finite double as `m / 2^s` (BigInt m, s ≥ 0), from its bits. */
function exact(x: number): { m: bigint; s: bigint } {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, x)
  const bits = view.getBigUint64(0)
  const sign = bits >> 63n ? -1n : 1n
  const biased = (bits >> 52n) & 0x7ffn
  const frac = bits & 0xfffffffffffffn
  let m = biased === 0n ? frac : frac | (1n << 52n)
  let e = (biased === 0n ? 1n : biased) - 1075n // x = m · 2^e
  if (e >= 0n) {
    m <<= e
    e = 0n
  }
  return { m: sign * m, s: -e }
}

describe('pyRound', () => {
  // expected values from CPython 3's round(x, d)
  it.each([
    [0.0625, 3, 0.062], // the audit's case: G = 9, one tie and no wins → .5/8; an exact half, to even
    [0.1875, 3, 0.188], // an exact half whose even neighbour is the upper one
    [0.5625, 3, 0.562],
    [0.9375, 3, 0.938],
    [-0.0625, 3, -0.062], // halves to even on either side of zero
    [0.0635, 3, 0.064], // not a half: the double is 0.063500000000000000666…
    [2.6675, 3, 2.667], // not a half: the double is 2.667499999999999982…
    [2.675, 2, 2.67], // Python's documented example
    [1.0015, 3, 1.002],
    [0.0005, 3, 0.001],
    [1 / 3, 3, 0.333],
    [2 / 3, 3, 0.667],
    [5 / 6, 3, 0.833],
    [123456.0625, 3, 123456.062],
    [0.125, 2, 0.12],
    [0.375, 2, 0.38],
    [0.5, 0, 0],
    [1.5, 0, 2],
    [2.5, 0, 2],
    [1e22, 3, 1e22], // huge doubles are integers already
  ])('round(%d, %d) = %d', (x, d, want) => {
    expect(pyRound(x, d)).toBe(want)
  })

  it('keeps the sign of a zero result, as Python does (round(-0.0001, 3) is -0.0)', () => {
    expect(Object.is(pyRound(-0.0001, 3), -0)).toBe(true)
    expect(Object.is(pyRound(-0.5, 0), -0)).toBe(true)
    expect(pyRound(Number.NaN, 3)).toBeNaN()
    expect(pyRound(Number.POSITIVE_INFINITY, 3)).toBe(Number.POSITIVE_INFINITY)
  })

  it('is the double nearest a 3-decimal value within half a unit of the exact x, ties to an even last digit', () => {
    const x = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => n / 16), // exact halves and integers
      fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => (n + 0.5) / 1000), // nearest doubles to halves
      fc.tuple(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 1, max: 64 })).map(([a, b]) => a / b), // win rates
    )
    fc.assert(
      fc.property(x, (v) => {
        const r = pyRound(v, 3)
        const text = r.toFixed(3)
        if (Number(text) !== r) return false // r is the double nearest some k / 1000
        const k = BigInt(text.replace('.', ''))
        const { m, s } = exact(v)
        // |v − k/1000| ≤ 1/2000  ⇔  |2000·m − 2k·2^s| ≤ 2^s, in exact integers
        const gap = 2000n * m - 2n * k * (1n << s)
        const abs = gap < 0n ? -gap : gap
        const half = 1n << s
        return abs < half || (abs === half && k % 2n === 0n)
      }),
      { numRuns: 5000 },
    )
  })
})
