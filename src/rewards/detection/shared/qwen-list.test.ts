import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type ParsedPredictions, parsePredictions, readJsonList } from './answer.js'
import { scanQwenList } from './qwen-list.js'

/** Deep equality with `Object.is` on numbers (−0 is not 0), ignoring the `uniform` marker. */
function sameRead(a: ParsedPredictions, b: ParsedPredictions | undefined): boolean {
  if (!b || a.total !== b.total || a.via !== b.via || a.items.length !== b.items.length) return false
  return a.items.every((x, i) => {
    const y = b.items[i]
    return (
      y !== undefined &&
      x.label === y.label &&
      x.confidence === y.confidence &&
      x.raw.every((v, k) => Object.is(v, y.raw[k]))
    )
  })
}

/** Lists of up to four `obj`s: the scanner takes every one and reads it as JSON.parse does. */
function takesListsOf(obj: fc.Arbitrary<string>): void {
  fc.assert(
    fc.property(fc.array(obj, { maxLength: 4 }), (objs) => {
      const t = `[${objs.join(', ')}]`
      const fast = scanQwenList(t)
      return fast !== undefined && sameRead(fast, readJsonList(t))
    }),
    { numRuns: 3000 },
  )
}

// number spellings JSON allows and some it does not (01, 1., .5, +1, NaN): the scanner must agree with JSON.parse
const validNumber = fc.oneof(
  fc.integer({ min: -5000, max: 5000 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
  fc.constantFrom('-0', '0.0', '-0.0e0', '1e2', '1E+2', '2.5e-3', '1e400', '-1e-400', '9007199254740993'),
  fc.constantFrom('123456789012345', '1234567890123456', '12345678901234567', '-9999999999999999'),
)
const numberText = fc.oneof(
  { weight: 3, arbitrary: validNumber },
  { weight: 1, arbitrary: fc.constantFrom('01', '-01', '1.', '.5', '+1', 'NaN', '-', '1e', '1e+', '0x10', 'Infinity') },
)
const stringText = fc.oneof(
  fc.constantFrom('"cat"', '"a dog"', '""', '"Person"', '"caf\u00e9"', '"\ud83d\udc31"', '"\ud800"'),
  fc.constantFrom('"a\\"b"', '"tab\\t"', '"\\u0041"', '"raw\ttab"', '"new\nline"', '"unterminated'),
  fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)),
)
const jsonWs = fc.constantFrom('', '', ' ', '\n', '\t', '\r\n  ')
// with two characters JavaScript's trim removes but JSON does not allow
const ws = fc.oneof({ weight: 6, arbitrary: jsonWs }, { weight: 1, arbitrary: fc.constantFrom('\u00a0', '\u2028') })
const key = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('"bbox_2d"', '"label"') },
  { weight: 1, arbitrary: fc.constantFrom('"score"', '"bbox"', '"label "', '"bbox_2D"', '"lab\\u0065l"') },
)
const boxText = fc
  .tuple(fc.array(numberText, { minLength: 3, maxLength: 5 }), ws)
  .map(([nums, w]) => `[${nums.join(`,${w}`)}]`)
const value = fc.oneof(
  { weight: 4, arbitrary: boxText },
  { weight: 4, arbitrary: stringText },
  { weight: 1, arbitrary: numberText },
  { weight: 1, arbitrary: fc.constantFrom('null', 'true', '[]', '{}') },
)
const member = fc.tuple(key, ws, value, ws).map(([k, w, v, w2]) => `${k}${w}:${w2}${v}`)
const object = fc
  .tuple(fc.array(member, { minLength: 1, maxLength: 3 }), ws)
  .map(([ms, w]) => `{${w}${ms.join(`,${w}`)}${w}}`)
const element = fc.oneof({ weight: 6, arbitrary: object }, { weight: 1, arbitrary: value })
const list = fc
  .tuple(fc.array(fc.tuple(ws, element, ws), { maxLength: 5 }), ws)
  .map(([els, w]) => `${w}[${els.map(([a, e, b]) => `${a}${e}${b}`).join(',')}]${w}`)
/** a well-formed list, then sometimes cut, or with one character dropped or inserted */
const text = fc.oneof(
  { weight: 4, arbitrary: list },
  {
    weight: 1,
    arbitrary: fc
      .tuple(list, fc.nat(), fc.constantFrom('', ',', ']', '}', '"', ' ', '[', '0'), fc.boolean())
      .map(([s, at, c, drop]) => {
        const i = at % (s.length + 1)
        return s.slice(0, i) + c + s.slice(drop ? i + 1 : i)
      }),
  },
)

describe('scanQwenList', () => {
  it('reads exactly what JSON.parse reads, or leaves the text to it', () => {
    let read = 0
    fc.assert(
      fc.property(text, (t) => {
        const fast = scanQwenList(t)
        if (fast === undefined) return true
        read++
        return sameRead(fast, readJsonList(t))
      }),
      { numRuns: 5000 },
    )
    // the property is not vacuous: a good share of the generated texts take the fast path
    expect(read).toBeGreaterThan(500)
  })

  it('reads every number spelling JSON allows as JSON.parse does (−0, exponents, integers past 2^53)', () => {
    const label = fc.constantFrom('"cat"', '""', '"a b"', '"\u00e9"')
    const obj = fc
      .tuple(fc.array(validNumber, { minLength: 4, maxLength: 4 }), label, jsonWs, fc.boolean())
      .map(([n, l, w, labelFirst]) => {
        const box = `"bbox_2d":${w}[${n.join(`,${w}`)}]`
        return labelFirst ? `{"label": ${l},${w}${box}}` : `{${box}, "label":${w}${l}}`
      })
    takesListsOf(obj)
  })

  it('reads labels in any script (multi-byte UTF-8, lone surrogates) and the numbers after them', () => {
    // the reader scans UTF-8 bytes: a label of 2-, 3- or 4-byte characters shifts byte and char indices apart,
    // and a later number that goes through `Number` is sliced from the text by char index
    const raw = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
      fc.constantFrom('\ud800', '\udc00x', 'é', '猫', '\u{1f431}', '\u2028', '\u007f'),
    )
    // raw labels whose characters JSON allows unescaped, so the reader takes the list rather than leaving it
    const label = raw.filter(
      (s) => ![...s].some((ch) => ch === '"' || ch === '\\' || (ch.codePointAt(0) as number) < 32),
    )
    const num = fc.oneof(fc.integer({ min: -5000, max: 5000 }), fc.double({ noNaN: true, noDefaultInfinity: true }))
    const obj = fc
      .tuple(fc.array(num, { minLength: 4, maxLength: 4 }), label)
      .map(([n, l]) => `{"label": "${l}", "bbox_2d": [${n.map(String).join(', ')}]}`)
    takesListsOf(obj)
  })

  it('reads a list past 64 KiB of bytes (a one-off buffer), then small lists again', () => {
    const big = JSON.stringify(
      Array.from({ length: 600 }, (_, i) => ({ bbox_2d: [i, i + 0.5, 2 * i, 1e3 + i], label: `猫${i}` })),
    )
    expect(big.length * 3).toBeGreaterThan(1 << 16)
    for (const t of [big, '[{"bbox_2d": [1, 2, 3, 4], "label": "a"}]', big]) {
      const fast = scanQwenList(t)
      expect(fast).toBeDefined()
      expect(sameRead(fast as ParsedPredictions, readJsonList(t))).toBe(true)
    }
  })

  it('takes what models write: JSON.stringify output, Qwen spacing, empty lists, decimals', () => {
    const objs = [
      { bbox_2d: [10, 20.5, -0, 1e21], label: 'cat' },
      { label: 'dog', bbox_2d: [0, 0, 5, 5] },
      { bbox_2d: [1, 2, 3, 4] },
    ]
    for (const t of [
      JSON.stringify(objs),
      JSON.stringify(objs, null, 2),
      '[]',
      ' [ ] ',
      '[{"bbox_2d": [1, 2, 3, 4], "label": "a"}, {"bbox_2d": [5, 6, 7, 8], "label": "b"}]',
    ]) {
      const fast = scanQwenList(t)
      expect(fast).toBeDefined()
      expect(sameRead(fast as ParsedPredictions, readJsonList(t))).toBe(true)
    }
  })

  it.each([
    '[{"bbox_2d": [01, 2, 3, 4]}]',
    '[{"bbox_2d": [1., 2, 3, 4]}]',
    '[{"bbox_2d": [1, 2, 3, 4]},]',
    '[{"bbox_2d": [1, 2, 3, 4], "label": "a\tb"}]',
    '[{"bbox_2d": [1, 2, 3, 4]}] x',
  ])('rejects what JSON.parse rejects: %s', (t) => {
    expect(scanQwenList(t)).toBeUndefined()
    expect(readJsonList(t)).toBeUndefined()
  })

  it.each([
    ['a label with an escape', '[{"bbox_2d": [1, 2, 3, 4], "label": "a\\"b"}]'],
    ['a confidence key', '[{"bbox_2d": [1, 2, 3, 4], "label": "a", "score": 0.5}]'],
    ['a duplicate key (JSON.parse keeps the last)', '[{"bbox_2d": [1, 2, 3, 4], "bbox_2d": [5, 6, 7, 8]}]'],
    ['a single object', '{"bbox_2d": [1, 2, 3, 4], "label": "a"}'],
    ['a number label', '[{"bbox_2d": [1, 2, 3, 4], "label": 7}]'],
    ['three numbers', '[{"bbox_2d": [1, 2, 3], "label": "a"}]'],
    ['an escaped backslash before the closing quote', '[{"bbox_2d": [1, 2, 3, 4], "label": "a\\\\"}]'],
  ])('leaves %s to JSON.parse, and parsePredictions still reads it', (_, t) => {
    expect(scanQwenList(t)).toBeUndefined()
    expect(parsePredictions(t)).toEqual(readJsonList(t))
  })
})
