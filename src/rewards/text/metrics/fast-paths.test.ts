import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { clippedOverlap, ngramKeys } from './ngrams.js'
import { collapseWhitespace, levenshtein, splitWhitespace, toIds } from './sequence.js'
import { apply13aRules, tokenize13a } from './tokenize-13a.js'
import { type CachedTokens, cachedTokens, clippedMatchesOf, indexReferences } from './vocab.js'
import { splitSentences, treebankTokenize, wordTokenize } from './word-tokenize.js'

// The optimised paths must give exactly what the plain definitions give.

describe('tokenize13a', () => {
  const same = (t: string) => {
    const s = t.replaceAll('-\n', '').replaceAll('\n', ' ').replaceAll('&amp;', '&')
    expect(tokenize13a(t)).toEqual(splitWhitespace(apply13aRules(` ${s} `)))
  }
  it('equals a whitespace split of the four 13a rules on arbitrary text', () => {
    const unit = fc.constantFrom('a', 'B', '1', '.', ',', '-', ' ', '$', '\n', '\t', 'é', "'", '&amp;', '(', '😀')
    fc.assert(fc.property(fc.string({ unit, maxLength: 60 }), same))
  })
  it('... and on text without "-", where the one-scan path mostly applies', () => {
    const unit = fc.constantFrom('a', '1', '.', ',', ' ', ' ', '\u00a0', '!', '"', '(', 'é')
    fc.assert(fc.property(fc.string({ unit, maxLength: 40 }), same), { numRuns: 2000 })
  })
})

/** Clipped matches per order the plain way: local ids, sorted n-gram keys, clippedOverlap. */
function plainMatches(pred: readonly string[], refs: readonly (readonly string[])[], maxOrder: number): number[] {
  const vocab = new Map<string, number>()
  const p = toIds(pred, vocab)
  const rs = refs.map((r) => toIds(r, vocab))
  const out: number[] = []
  for (let n = 1; n <= maxOrder; n++) {
    const keys = (s: Int32Array) => ngramKeys(s, n, vocab.size + 1, new Map())
    out.push(clippedOverlap(keys(p), rs.map(keys)))
  }
  return out
}

describe('the reference index (clippedMatchesOf)', () => {
  const words = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 40 })
  it('counts the clipped matches of every order as clippedOverlap does, for any number of references', () => {
    fc.assert(
      fc.property(words, fc.array(words, { maxLength: 4 }), fc.integer({ min: 1, max: 6 }), (p, refs, maxOrder) => {
        const out: number[] = []
        expect(clippedMatchesOf(p, refs.map(cachedTokens), maxOrder, out)).toBe(true)
        expect(out.slice(0, maxOrder)).toEqual(plainMatches(p, refs, maxOrder))
      }),
    )
  })
  it('stays exact over call sequences that reuse, reorder, repeat and extend reference sets (the kept fill)', () => {
    // a pool of cached references, then calls on sets drawn from it: consecutive calls often share a set (as a
    // group's rollouts do), sometimes in another order, with one reference twice, or with a higher order
    const call = fc.record({
      pred: words,
      pick: fc.array(fc.nat(5), { minLength: 1, maxLength: 4 }),
      maxOrder: fc.integer({ min: 1, max: 5 }),
      repeat: fc.integer({ min: 1, max: 3 }),
    })
    fc.assert(
      fc.property(fc.array(words, { minLength: 6, maxLength: 6 }), fc.array(call, { maxLength: 12 }), (pool, calls) => {
        const cached = pool.map(cachedTokens)
        for (const { pred, pick, maxOrder, repeat } of calls)
          for (let k = 0; k < repeat; k++) {
            const refs = pick.map((i) => cached[i] as CachedTokens)
            const out: number[] = []
            expect(clippedMatchesOf(pred, refs, maxOrder, out)).toBe(true)
            expect(out.slice(0, maxOrder)).toEqual(
              plainMatches(
                pred,
                refs.map((r) => r.tokens),
                maxOrder,
              ),
            )
          }
      }),
      { numRuns: 300 },
    )
  })
  it('stays exact when its tables fill and start afresh, and for references cached before that', () => {
    const first = cachedTokens(['a', 'b', 'a', 'b', 'c'])
    const out: number[] = []
    clippedMatchesOf(['a', 'b', 'c'], [first], 4, out)
    // 1,000 references of 30 fresh tokens hold 90,000 n-grams of orders 2-4: more than the table keeps
    for (let k = 0; k < 1000; k++) {
      const ref = cachedTokens(Array.from({ length: 30 }, (_, i) => `w${k}-${i}`))
      clippedMatchesOf(['w0-0', 'w0-1'], [ref], 4, out)
    }
    const fresh = cachedTokens(['z'])
    clippedMatchesOf(['z'], [fresh], 4, out)
    expect(first.generation).toBeLessThan(fresh.generation) // the tables did start afresh
    clippedMatchesOf(['a', 'b', 'a', 'b', 'x'], [first], 4, out)
    expect(out.slice(0, 4)).toEqual(plainMatches(['a', 'b', 'a', 'b', 'x'], [first.tokens], 4))
  })
  it('fills again when the tables started afresh between two calls on the same references', () => {
    const a = cachedTokens(['a', 'b', 'a', 'b', 'c'])
    const out: number[] = []
    clippedMatchesOf(['a', 'b', 'c'], [a], 4, out)
    const before = a.generation
    // other references alone fill the tables, so that `a` comes back with new ids and the same identity
    for (let k = 0; k < 1000; k++)
      indexReferences([cachedTokens(Array.from({ length: 30 }, (_, i) => `v${k}-${i}`))], 4)
    clippedMatchesOf(['a', 'b', 'a', 'b', 'x'], [a], 4, out)
    expect(a.generation).toBeGreaterThan(before)
    expect(out.slice(0, 4)).toEqual(plainMatches(['a', 'b', 'a', 'b', 'x'], [a.tokens], 4))
  })
  it('declines references with more tokens than it holds', () => {
    const huge = cachedTokens(Array.from({ length: 70000 }, (_, i) => `t${i}`))
    expect(clippedMatchesOf(['t1'], [huge], 1, [])).toBe(false)
  })
})

describe('wordTokenize', () => {
  it('equals the sentence split and Treebank rules on word, space, comma and period text', () => {
    const unit = fc.constantFrom('a', 'B', '1', '_', ' ', ' ', ',', '.', 'gonna', 'Cannot', 'é', "'", '!')
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (t) => {
        expect(wordTokenize(t)).toEqual(splitSentences(t).flatMap(treebankTokenize))
      }),
      { numRuns: 2000 },
    )
  })
})

describe('levenshtein and collapseWhitespace', () => {
  /** the textbook dynamic programme on code points */
  function dp(a: string, b: string): number {
    const x = [...a]
    const y = [...b]
    let row = Array.from({ length: y.length + 1 }, (_, j) => j)
    for (let i = 1; i <= x.length; i++) {
      const next = [i]
      for (let j = 1; j <= y.length; j++)
        next.push(
          Math.min(
            (row[j] as number) + 1,
            (next[j - 1] as number) + 1,
            (row[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1),
          ),
        )
      row = next
    }
    return row[y.length] as number
  }
  it('equals the dynamic programme, shared prefixes and suffixes (set aside first) included', () => {
    const s = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', '😀', '北'), maxLength: 40 })
    fc.assert(
      fc.property(
        s,
        s,
        s,
        s,
        (pre, a, b, suf) => levenshtein(pre + a + suf, pre + b + suf) === dp(pre + a + suf, pre + b + suf),
      ),
    )
  })
  it('collapseWhitespace equals splitting on whitespace and joining with single spaces', () => {
    const unit = fc.constantFrom('a', ' ', ' ', '\t', '\n', '\u00a0', '\u3000', '\u001f', 'é')
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 20 }), (t) => collapseWhitespace(t) === splitWhitespace(t).join(' ')),
    )
  })
})
