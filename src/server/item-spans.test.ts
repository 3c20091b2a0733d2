import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { itemSpans, sliceItems } from './item-spans.js'
import { jsonText } from './json-text.js'

const utf8 = (s: string) => new TextEncoder().encode(s)

/** The body as the server reads it: UTF-8 bytes through jsonText. */
const bodyText = (value: unknown, indent: string | number) => jsonText(utf8(JSON.stringify(value, null, indent)))

/** Every split of the spans into chunks parses back to the parsed items. */
function expectSlicesMatch(text: string, key = 'items') {
  const parsed = JSON.parse(text) as Record<string, unknown[]>
  const items = parsed[key] as unknown[]
  const spans = itemSpans(text, key, items.length)
  expect(spans).toBeDefined()
  for (let i = 0; i < items.length; i++)
    expect(JSON.parse(sliceItems(text, spans as number[], i, i + 1))).toEqual([items[i]])
  const mid = items.length >> 1
  expect([
    ...(JSON.parse(sliceItems(text, spans as number[], 0, mid)) as unknown[]),
    ...(JSON.parse(sliceItems(text, spans as number[], mid, items.length)) as unknown[]),
  ]).toEqual(items)
}

describe('itemSpans', () => {
  it('slices parse back to exactly the parsed items, whatever the values, keys and spacing', () => {
    const value = fc.jsonValue({ stringUnit: 'binary', maxDepth: 4 })
    const body = fc.record({
      before: fc.dictionary(
        fc.string().filter((k) => k !== 'items' && !/["\\]/.test(k)),
        value,
        { maxKeys: 3 },
      ),
      items: fc.array(value, { maxLength: 12 }),
      after: fc.dictionary(
        fc.string().filter((k) => k !== 'items' && !/["\\]/.test(k)),
        value,
        { maxKeys: 3 },
      ),
    })
    fc.assert(
      fc.property(body, fc.constantFrom(0, 2, '\t', ' \r\n'), ({ before, items, after }, indent) => {
        expectSlicesMatch(bodyText({ ...before, items, ...after }, indent))
      }),
      { numRuns: 2000 },
    )
  })

  it('finds the boundaries through strings full of quotes, backslashes and brackets', () => {
    const tricky = ['"', '\\', '\\"', '\\\\', '"]', '},{', '[', ']', '{"items":[1]}', 'é…😀']
    const items = [
      { response: tricky.join(''), reference: tricky },
      { response: '\\', meta: { '"]': [[], {}, [[['\\\\"']]]] } },
      -1.5e-7,
      'x',
      null,
      true,
      [],
      {},
    ]
    expectSlicesMatch(bodyText({ spec: { '"': ['[', '{'] }, items, run: 'r' }, 1))
    expectSlicesMatch(JSON.stringify({ items: [1, 2] }).replace(/,/g, ' ,\n '))
  })

  it('refuses what a plain scan could misread, so the caller stringifies instead', () => {
    const spans = (text: string, count: number) => itemSpans(text, 'items', count)
    // JSON.parse keeps the last of two equal keys, and an escaped key can spell "items" without looking like it
    expect(spans('{"items":[1],"items":[2]}', 1)).toBeUndefined()
    expect(spans('{"items":[1],"\\u0069tems":[2]}', 1)).toBeUndefined()
    expect(spans('{"\\u0069tems":[2]}', 1)).toBeUndefined()
    // not an array, not there, not an object, or a count that disagrees with the parse
    expect(spans('{"items":{"a":1}}', 1)).toBeUndefined()
    expect(spans('{"other":[1]}', 1)).toBeUndefined()
    expect(spans('[1]', 1)).toBeUndefined()
    expect(spans('{}', 0)).toBeUndefined()
    expect(spans('{"items":[1,2]}', 3)).toBeUndefined()
    // and the plain case
    expect(spans(' { "items" : [ 1 , "a" ] } ', 2)).toEqual([15, 16, 19, 22])
    expect(spans('{"items":[]}', 0)).toEqual([])
    expect(sliceItems('{"items":[]}', [], 0, 0)).toBe('[]')
  })
})
