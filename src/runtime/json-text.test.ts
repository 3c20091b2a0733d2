import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { jsonText } from './json-text.js'

const utf8 = (s: string) => new TextEncoder().encode(s)
/** What the server did before: TextDecoder (as Request.text()), then JSON.parse; a throw is its own outcome. */
const reference = (bytes: Uint8Array) => {
  try {
    return { value: JSON.parse(new TextDecoder().decode(bytes)) as unknown }
  } catch {
    return { error: true }
  }
}
const ours = (bytes: Uint8Array) => {
  try {
    return { value: JSON.parse(jsonText(bytes)) as unknown }
  } catch {
    return { error: true }
  }
}

describe('jsonText', () => {
  it('parses to the same value as decoding the body, for JSON with any strings', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), fc.boolean(), (v, bom) => {
        const text = JSON.stringify(v)
        const bytes = utf8(bom ? `\uFEFF${text}` : text)
        expect(ours(bytes)).toEqual(reference(bytes))
      }),
      { numRuns: 2000 },
    )
  })

  it('agrees on arbitrary bytes: invalid UTF-8, bytes after backslashes, non-ASCII outside strings', () => {
    const pieces = fc.constantFrom('{"a":"', '"}', '\\', '\\\\', '\\"', 'x', '1', ',', ' ', '[', ']', '"')
    const raw = fc.oneof(
      fc.uint8Array({ maxLength: 4 }),
      pieces.map(utf8),
      fc.string({ unit: 'binary', maxLength: 3 }).map(utf8),
    )
    fc.assert(
      fc.property(fc.array(raw, { maxLength: 12 }), (chunks) => {
        const bytes = new Uint8Array(chunks.flatMap((c) => [...c]))
        expect(ours(bytes)).toEqual(reference(bytes))
      }),
      { numRuns: 5000 },
    )
  })

  it('turns non-ASCII text into ASCII escapes and leaves ASCII bodies alone', () => {
    expect(jsonText(utf8('{"a":"é…😀"}'))).toBe('{"a":"\\u00e9\\u2026\\ud83d\\ude00"}')
    expect(jsonText(utf8('{"a":1}'))).toBe('{"a":1}')
    expect(jsonText(utf8('"\\\\é"'))).toBe('"\\\\é"') // after a backslash: decoded as is
  })
})
