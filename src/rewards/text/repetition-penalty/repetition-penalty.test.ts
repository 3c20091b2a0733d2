import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runReward } from '../../../core/run-reward.js'
import { repetitionPenalty, repetitionPenaltyGeneral } from './repetition-penalty.js'
import { repetitionPenaltyReward } from './reward.js'

const score = (response: string, params = {}) =>
  runReward(repetitionPenaltyReward, repetitionPenaltyReward.params.parse(params), { response }, { services: {} })

/** TRL's reference, written the obvious way: a set of joined n-grams. */
function reference(text: string, n: number, max: number): number {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length < n) return 0
  const grams = new Set<string>()
  let total = 0
  for (let i = 0; i + n <= words.length; i++, total++) grams.add(words.slice(i, i + n).join('\u0000'))
  return (1 - grams.size / total) * max
}

describe('repetition-penalty', () => {
  it.each([
    ['a b c a b c a b c', 3, -1, -(1 - 3 / 7)], // 7 trigrams, 3 distinct
    ['A b C a B c', 3, -1, -(1 - 3 / 4)], // lower-cased before comparing
    ['a b', 3, -1, 0], // fewer words than n: 0
    ['no repeats at all here', 3, -1, 0],
  ])('%j (n=%d, max=%d) → %d', (text, n, max, v) =>
    expect(repetitionPenalty(text, { ngramSize: n, maxPenalty: max })).toBeCloseTo(v, 12),
  )

  it('Perception-R1 setting: n = 20, −2, and 0 under 20 words (rewards.md §5e)', async () => {
    const p = { ngramSize: 20, maxPenalty: -2 }
    expect((await score('w '.repeat(19), p)).score).toBe(0)
    const loop = 'the answer is the answer is '.repeat(20)
    expect((await score(loop, p)).score).toBeCloseTo(reference(loop, 20, -2), 12)
  })

  // the declared range is what the registry lists: it must hold under every maxPenalty the schema accepts (audit)
  it.each([
    ['a b c a b c a b c a b c a b c a b c a b c a b c a b c a b c', { maxPenalty: -2 }], // −1.79, below −1
    ['ha '.repeat(400_000), { maxPenalty: -5 }], // too_large: the full −5
  ])('the declared range holds: %#', async (text, params) => {
    const [lo, hi] = repetitionPenaltyReward.range
    const { score: v } = await score(text, params)
    expect(v).toBeGreaterThanOrEqual(lo)
    expect(v).toBeLessThanOrEqual(hi)
  })

  it('an enormous output gets the full penalty, not a way out', async () => {
    expect(await score('ha '.repeat(400_000))).toMatchObject({ score: -1, valid: false, reason: { code: 'too_large' } })
  })

  it('matches the set-of-joined-n-grams reference exactly', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', 'A'), { maxLength: 60 }).map((w) => w.join(' '))
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 6 }), (t, n) => {
        const v = repetitionPenalty(t, { ngramSize: n, maxPenalty: -1 })
        return Math.abs(v - reference(t, n, -1)) < 1e-12 && v <= 0 && v >= -1
      }),
    )
  })

  // The fast path (typed-array tables, ASCII bytes or string scan, packed or pairwise n-gram keys) must give
  // exactly what the general path on strings and Maps gives.
  const fastVsGeneral = (t: string, n: number, max = -1) => {
    expect(repetitionPenalty(t, { ngramSize: n, maxPenalty: max })).toBe(repetitionPenaltyGeneral(t, n, max))
  }

  it('fast path equals the general path on ASCII and non-ASCII text, every n', () => {
    const word = fc.constantFrom(
      'a',
      'A',
      'b',
      'the',
      'The',
      'THE',
      'x\u0000y',
      'é',
      'É',
      'İ',
      'ß',
      'SS',
      '😀',
      '\ud800',
    )
    const space = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\x1c', '\x85', '\u00a0', '\u2003', '\u3000', '\ufeff')
    const text = fc.array(fc.tuple(word, space), { maxLength: 80 }).map((ws) => ws.map(([w, s]) => w + s).join(''))
    fc.assert(fc.property(text, fc.integer({ min: 1, max: 20 }), (t, n) => fastVsGeneral(t, n)))
  })

  it('fast path equals the general path with many distinct words (pairwise keys) and at its size limit', () => {
    const text = fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 400 }).map((xs) => xs.join(' '))
    fc.assert(fc.property(text, fc.integer({ min: 2, max: 6 }), (t, n) => fastVsGeneral(t, n)))
    const longest = 'ab '.repeat(5461) // 16,383 chars: the last length on the fast path
    fastVsGeneral(longest, 3)
    fastVsGeneral(`${longest.slice(0, -2)}C`, 2)
  })

  it('text past the fast path scores on the general path, equal to the reference', () => {
    const loop = 'We check it again and again. '.repeat(700) // 20,300 chars
    expect(repetitionPenalty(loop)).toBeCloseTo(reference(loop, 3, -1), 12)
    expect(repetitionPenalty(loop, { ngramSize: 20, maxPenalty: -2 })).toBeCloseTo(reference(loop, 20, -2), 12)
  })
})
