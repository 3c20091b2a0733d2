import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { jsonText } from '../runtime/index.js'
import { itemSpans, sliceItems, withoutItems } from './item-spans.js'
import { MAX_DEPTH } from './nesting.js'

const utf8 = (s: string) => new TextEncoder().encode(s)
const parse = (bytes: Uint8Array) => JSON.parse(jsonText(bytes)) as unknown

/** Every split of the spans into chunks parses back to the parsed items, and the rest of the body to the rest. */
function expectSlicesMatch(bytes: Uint8Array) {
  const { items, ...rest } = parse(bytes) as { items: unknown[] }
  const spans = itemSpans(bytes, 'items', items.length)
  expect(spans).toBeDefined()
  if (!spans) return
  expect(itemSpans(bytes, 'items')).toEqual(spans)
  for (let i = 0; i < items.length; i++) expect(parse(sliceItems(bytes, spans, i, i + 1))).toEqual([items[i]])
  const mid = items.length >> 1
  expect([
    ...(parse(sliceItems(bytes, spans, 0, mid)) as unknown[]),
    ...(parse(sliceItems(bytes, spans, mid, items.length)) as unknown[]),
  ]).toEqual(items)
  expect(parse(withoutItems(bytes, spans))).toEqual({ ...rest, items: [] })
}

describe('itemSpans', () => {
  it('slices parse back to exactly the parsed items, whatever the values, keys and spacing', () => {
    const value = fc.jsonValue({ stringUnit: 'binary', maxDepth: 4 })
    const key = fc.string({ unit: 'binary' }).filter((k) => k !== 'items')
    const body = fc.record({
      before: fc.dictionary(key, value, { maxKeys: 3 }),
      items: fc.array(value, { maxLength: 12 }),
      after: fc.dictionary(key, value, { maxKeys: 3 }),
    })
    fc.assert(
      fc.property(body, fc.constantFrom(0, 2, '\t', ' \r\n'), ({ before, items, after }, indent) => {
        const text = JSON.stringify({ ...before, items, ...after }, null, indent)
        // a key that needs escapes is refused (tested below); here every key is written plainly
        if (Object.keys({ ...before, ...after }).some((k) => JSON.stringify(k).includes('\\'))) return
        expectSlicesMatch(utf8(text))
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
    expectSlicesMatch(utf8(JSON.stringify({ spec: { é: ['[', '{'] }, items, run: 'r' }, null, 1)))
    expectSlicesMatch(utf8(JSON.stringify({ items: [1, 2] }).replace(/,/g, ' ,\n ')))
  })

  it('refuses what a plain scan could misread, so the caller parses the body itself', () => {
    const spans = (text: string, count?: number) => itemSpans(utf8(text), 'items', count)
    // JSON.parse keeps the last of two equal keys, and an escaped key can spell "items" without looking like it
    expect(spans('{"items":[1],"items":[2]}')).toBeUndefined()
    expect(spans('{"items":[1],"\\u0069tems":[2]}')).toBeUndefined()
    expect(spans('{"\\u0069tems":[2]}')).toBeUndefined()
    // not an array, not there, not an object, a byte-order mark, text after the body, or a count that disagrees
    expect(spans('{"items":{"a":1}}')).toBeUndefined()
    expect(spans('{"other":[1]}')).toBeUndefined()
    expect(spans('[1]')).toBeUndefined()
    expect(spans('{}')).toBeUndefined()
    expect(spans('\uFEFF{"items":[1]}')).toBeUndefined()
    expect(spans('{"items":[1]} x')).toBeUndefined()
    expect(spans('{"items":[1,2]}', 3)).toBeUndefined()
    // a value nested past the request bound (the parse that follows answers 400 too_deep), an item or not
    const nest = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`
    expect(spans(`{"items":[${nest(MAX_DEPTH - 2)}]}`, 1)).toBeDefined()
    expect(spans(`{"items":[${nest(MAX_DEPTH - 1)}]}`, 1)).toBeUndefined()
    expect(spans(`{"spec":${nest(MAX_DEPTH - 1)},"items":[1]}`, 1)).toBeUndefined()
    // and the plain case
    expect(spans(' { "items" : [ 1 , "a" ] } \n', 2)).toEqual({ spans: [15, 16, 19, 22], start: 13, end: 24 })
    expect(spans('{"items":[]}', 0)).toEqual({ spans: [], start: 9, end: 11 })
    expect(new TextDecoder().decode(sliceItems(utf8('{"items":[]}'), { spans: [], start: 9, end: 11 }, 0, 0))).toBe(
      '[]',
    )
  })
})
