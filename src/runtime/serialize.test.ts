import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ScoreResult } from '../core/index.js'
import type { ScoredRow } from '../spec/index.js'
import { resultSerializer, rowSerializer } from './serialize.js'

const KEYS = ['acc', 'acc.sub', 'fmt "q"', 'ünï']

describe('resultSerializer', () => {
  const serialize = resultSerializer(KEYS)
  const value = fc.oneof(fc.double(), fc.constantFrom(0, -0, 1, Number.NaN, Number.POSITIVE_INFINITY, 1e21, 5e-324))
  const result = fc.record(
    {
      id: fc.string(),
      score: value,
      components: fc.tuple(value, value, value, value).map((vs) => Object.fromEntries(KEYS.map((k, i) => [k, vs[i]]))),
      valid: fc.boolean(),
      reason: fc.record({ code: fc.string(), text: fc.string() }),
      error: fc.record({ code: fc.string(), message: fc.string() }),
      route: fc.string(),
    },
    { requiredKeys: ['id', 'score', 'components', 'valid'] },
  )

  it('writes exactly what JSON.stringify writes, in the spec key order', () => {
    fc.assert(
      fc.property(result, (r) => {
        expect(serialize(r as ScoreResult)).toBe(JSON.stringify(r))
      }),
      { numRuns: 500 },
    )
  })

  it.each([
    // a key the spec does not know, a missing key, an extra field: all fall back to JSON.stringify
    [{ id: 'a', score: 1, components: { acc: 1, other: 2 }, valid: true }],
    [{ id: 'a', score: 1, components: { acc: 1 }, valid: true }],
    [{ id: 'a', score: 1, components: { acc: 1, 'acc.sub': 0, 'fmt "q"': 0, ünï: 0 }, valid: true, extra: [1] }],
  ])('falls back on %j', (r) => {
    expect(serialize(r as ScoreResult)).toBe(JSON.stringify(r))
  })
})

describe('rowSerializer', () => {
  const serialize = rowSerializer(KEYS)
  const value = fc.oneof(fc.double(), fc.constantFrom(0, -0, 1, Number.NaN, Number.POSITIVE_INFINITY, 1e21, 5e-324))
  const row = fc.record({
    id: fc.string(),
    score: value,
    comps: fc.tuple(value, value, value, value).map((vs) => Float64Array.from(vs)),
    valid: fc.boolean(),
    reason: fc.option(fc.record({ code: fc.constant('no_answer' as const), component: fc.string() }), {
      nil: undefined,
    }),
    error: fc.option(fc.record({ code: fc.string(), message: fc.string() }), { nil: undefined }),
    route: fc.option(fc.string(), { nil: undefined }),
  })

  it('writes what JSON.stringify writes for the same result as an object', () => {
    fc.assert(
      fc.property(row, ({ id, ...r }) => {
        const asResult: Record<string, unknown> = {
          id,
          score: r.score,
          components: Object.fromEntries(KEYS.map((k, i) => [k, r.comps[i]])),
          valid: r.valid,
        }
        if (r.reason) asResult.reason = r.reason
        if (r.error) asResult.error = r.error
        if (r.route !== undefined) asResult.route = r.route
        expect(serialize(id, r as ScoredRow)).toBe(JSON.stringify(asResult))
      }),
      { numRuns: 500 },
    )
  })
})
