import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { StringIds } from './string-ids.js'

// StringIds must behave as a Map from strings to first-seen indices, looked up by span.

describe('StringIds', () => {
  const token = fc.string({ unit: fc.constantFrom('a', 'b', 'ab', 'é', '😀', '\u0000', ' '), maxLength: 6 })
  it('gives the ids a Map in first-seen order gives, and finds every span of a text by its content', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 3000 }), fc.string({ maxLength: 30 }), (tokens, text) => {
        const table = new StringIds()
        const map = new Map<string, number>()
        for (const t of tokens) {
          if (!map.has(t)) map.set(t, map.size)
          expect(table.add(t)).toBe(map.get(t))
        }
        expect(table.size).toBe(map.size)
        for (const [t, id] of map) {
          expect(table.find(`<${t}>`, 1, t.length + 1)).toBe(id)
          expect(table.key(id)).toBe(t)
        }
        for (let i = 0; i <= text.length; i++)
          for (let j = i; j <= Math.min(text.length, i + 6); j++)
            expect(table.find(text, i, j)).toBe(map.get(text.slice(i, j)) ?? -1)
      }),
      { numRuns: 60 },
    )
  })
  it('forgets everything on clear', () => {
    const table = new StringIds()
    for (let i = 0; i < 5000; i++) table.add(`w${i}`)
    table.clear()
    expect(table.size).toBe(0)
    expect(table.find('w1', 0, 2)).toBe(-1)
    expect(table.add('w1')).toBe(0)
  })
})
