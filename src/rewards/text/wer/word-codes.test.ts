import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { levenshteinTokens, splitWhitespace } from '../metrics/sequence.js'
import { type CodedWords, codedDistance, codedWords, codeReferences, predictionCodes } from './word-codes.js'

// The cached coding must give exactly levenshteinTokens' distance on the plain word lists.

const text = fc.string({
  unit: fc.constantFrom('a', 'b', 'c', 'ab', 'é', '😀', ' ', ' ', '\t', '\u00a0', '\u3000'),
  maxLength: 30,
})

describe('word-codes', () => {
  it('equals levenshteinTokens over call sequences on shared, cached references', () => {
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 4, maxLength: 4 }),
        fc.array(fc.tuple(text, fc.array(fc.nat(3), { minLength: 1, maxLength: 3 })), { maxLength: 10 }),
        (pool, calls) => {
          const cached = pool.map(codedWords)
          for (const [pred, pick] of calls) {
            const refs = pick.map((i) => cached[i] as CodedWords)
            expect(codeReferences(refs)).toBe(true)
            const { codes, count } = predictionCodes(pred)
            const words = splitWhitespace(pred)
            expect(count).toBe(words.length)
            for (const r of refs) expect(codedDistance(r, codes)).toBe(levenshteinTokens(r.words, words))
          }
        },
      ),
      { numRuns: 300 },
    )
  })
  it('stays exact when the table fills and starts afresh, for references coded before that', () => {
    const first = codedWords('a b a c')
    codeReferences([first])
    for (let k = 0; k < 30; k++)
      codeReferences([codedWords(Array.from({ length: 4000 }, (_, i) => `w${k}-${i}`).join(' '))])
    expect(codeReferences([first])).toBe(true)
    const pred = 'a x c w0-1'
    expect(codedDistance(first, predictionCodes(pred).codes)).toBe(
      levenshteinTokens(first.words, splitWhitespace(pred)),
    )
  })
  it('declines references with more words than there are codes', () => {
    expect(codeReferences([codedWords(Array.from({ length: 70000 }, (_, i) => `t${i}`).join(' '))])).toBe(false)
  })
})
