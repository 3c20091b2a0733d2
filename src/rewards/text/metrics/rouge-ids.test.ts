import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { rougeTokenize } from './rouge.js'
import { rougeIds } from './rouge-ids.js'
import { cachedTokens, indexReferences, lookupIds } from './vocab.js'

// rougeIds must give the ids of rougeTokenize's tokens, as lookupIds gives them, whatever was indexed before.

const unit = fc.constantFrom(
  'the',
  'The',
  'cats',
  'running',
  'ran',
  'runs',
  'a',
  ' ',
  ' ',
  ',',
  '3',
  '42',
  'İ',
  'K',
  'é',
)
const text = fc.string({ unit, maxLength: 14 })
const plain = (ids: { ids: Int32Array; length: number }) => Array.from(ids.ids.subarray(0, ids.length))

describe('rougeIds', () => {
  it('equals lookupIds(rougeTokenize(…)) over calls that add references between predictions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(text, { maxLength: 3 }), text, fc.boolean()), { maxLength: 8 }),
        (calls) => {
          for (const [refs, pred, stem] of calls) {
            expect(
              indexReferences(
                refs.map((r) => cachedTokens(rougeTokenize(r, stem))),
                2,
              ),
            ).toBe(true)
            const fast = plain(rougeIds(pred, stem))
            expect(fast).toEqual(plain(lookupIds(rougeTokenize(pred, stem))))
          }
        },
      ),
      { numRuns: 500 },
    )
  })
  it('finds a stem that a reference indexed after the stem was first met brings in', () => {
    indexReferences([cachedTokens(['zzz'])], 1)
    const before = plain(rougeIds('quixotically', true))
    indexReferences([cachedTokens(rougeTokenize('quixotically', true))], 1)
    const after = plain(rougeIds('quixotically', true))
    expect(after).toEqual(plain(lookupIds(rougeTokenize('quixotically', true))))
    expect(after).not.toEqual(before)
  })
})
