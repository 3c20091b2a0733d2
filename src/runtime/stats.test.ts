import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ScoreResult } from '../core/index.js'
import { addResult, componentSummaries, createStats, mergeStats } from './stats.js'

const result = (score: number, a: number): ScoreResult => ({ id: '', score, components: { a }, valid: true })

describe('stats', () => {
  it('counts a component only for the items its scope holds', () => {
    const s = createStats(['a'])
    addResult(s, result(1, 0.5))
    addResult(s, result(0, 0), false, Uint8Array.of(0)) // another task's item: its 0 is not an `a`
    addResult(s, result(1, 1), false, Uint8Array.of(1))
    expect(componentSummaries(s)[1]).toEqual({ key: 'a', n: 2, mean: 0.75, std: 0.25, min: 0.5, max: 1 })
    expect(componentSummaries(s)[0]?.n).toBe(3)
  })

  it('mean, population std, min and max of a known sample', () => {
    const s = createStats(['a'])
    for (const x of [2, 4, 4, 4, 5, 5, 7, 9]) addResult(s, result(x, -x))
    // the textbook sample: mean 5, population std 2
    expect(componentSummaries(s)).toEqual([
      { key: 'score', n: 8, mean: 5, std: 2, min: 2, max: 9 },
      { key: 'a', n: 8, mean: -5, std: 2, min: -9, max: -2 },
    ])
  })

  it('merging chunk stats equals adding everything to one (any split)', () => {
    const value = fc.double({ min: -1e3, max: 1e3, noNaN: true })
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 80 }), fc.nat(), (xs, cut) => {
        const at = cut % (xs.length + 1)
        const whole = createStats(['a'])
        const left = createStats(['a'])
        const right = createStats(['a'])
        xs.forEach((x, i) => {
          addResult(whole, result(x, x * 2))
          addResult(i < at ? left : right, result(x, x * 2))
        })
        const merged = componentSummaries(mergeStats(left, right))
        const direct = componentSummaries(whole)
        merged.forEach((m, k) => {
          const d = direct[k] as (typeof direct)[number]
          expect(m.n).toBe(d.n)
          expect(m.mean).toBeCloseTo(d.mean, 6)
          expect(m.std).toBeCloseTo(d.std, 6)
          expect([m.min, m.max]).toEqual([d.min, d.max])
        })
      }),
    )
  })

  it('counts bad entries apart from the component stats, errors and reasons by code', () => {
    const s = createStats([])
    addResult(s, { id: '0', score: 0, components: {}, valid: false, error: { code: 'bad_item', message: '' } }, true)
    addResult(s, { id: '1', score: 0, components: {}, valid: false, reason: { code: 'no_answer' } })
    addResult(s, { id: '2', score: 1, components: {}, valid: true, reason: { code: 'ok' } })
    expect(s).toMatchObject({
      items: 3,
      valid: 1,
      invalid: 2,
      bad: 1,
      errors: { bad_item: 1 },
      reasons: { no_answer: 1 },
    })
    expect(s.n[0]).toBe(2)
  })
})
