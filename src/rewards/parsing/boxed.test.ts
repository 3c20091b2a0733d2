import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { extractBoxed } from './boxed.js'

describe('extractBoxed', () => {
  it.each<[string, 'first' | 'last', string | undefined]>([
    ['so \\boxed{4}.', 'last', '4'],
    ['\\boxed{\\frac{1}{2}}', 'last', '\\frac{1}{2}'], // nested braces are kept whole
    ['\\boxed{1} then \\boxed{2}', 'last', '2'],
    ['\\boxed{1} then \\boxed{2}', 'first', '1'],
    ['\\boxed{\\{1, 2\\}}', 'last', '\\{1, 2\\}'], // escaped braces do not count
    ['\\fbox{7}', 'last', '7'],
    ['\\boxed 5$ done', 'last', '5'], // the brace-less form
    ['\\boxed{4', 'last', undefined], // truncated: unbalanced
    ['\\boxed{4} and \\boxed{5', 'last', undefined], // the last one is unbalanced: no fallback, as verl
    ['\\boxed', 'last', undefined],
    ['no box', 'first', undefined],
    ['\\boxed{}', 'last', ''],
  ])('%j (%s) → %j', (text, which, expected) => {
    expect(extractBoxed(text, { which })).toBe(expected)
  })

  it('returns the content of any balanced box', () => {
    const balanced = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: fc.constantFrom('a', '1', ' ', '+') }),
        tie('node').map((s) => `{${s}}`),
        fc.tuple(tie('node'), tie('node')).map(([a, b]) => `${a}${b}`),
      ),
    })).node as fc.Arbitrary<string>
    fc.assert(
      fc.property(balanced, fc.string(), (inner, tail) => {
        const tailNoBox = tail.replaceAll('\\', '')
        expect(extractBoxed(`x \\boxed{${inner}}${tailNoBox}`)).toBe(inner)
      }),
    )
  })

  it('is linear on 1 MB of nested opens', () => {
    const t = performance.now()
    extractBoxed('\\boxed{'.repeat(1 << 17))
    extractBoxed('\\boxed{'.repeat(1 << 17), { which: 'first' })
    expect(performance.now() - t).toBeLessThan(1500)
  })
})
