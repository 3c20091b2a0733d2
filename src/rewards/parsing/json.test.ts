import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fencedBlocks, parseLooseJson, visualRftExtractBbox } from './json.js'

describe('fencedBlocks', () => {
  it.each([
    ['```json\n[1]\n```', ['[1]\n']],
    ['a ```[1]``` b ```{"x": 2}```', ['[1]', '{"x": 2}']], // inline fences, no language tag
    ['```python\n{"a": 1}', ['{"a": 1}']], // unclosed (truncated) fence runs to the end
    ['no fence', []],
  ])('%j → %j', (text, expected) => {
    expect(fencedBlocks(text)).toEqual(expected)
  })
})

describe('parseLooseJson', () => {
  it.each([
    // Qwen2.5-VL's grounding output
    ['```json\n[{"bbox_2d": [10, 20, 30, 40], "label": "cat"}]\n```', [{ bbox_2d: [10, 20, 30, 40], label: 'cat' }]],
    ['The boxes: [{"b": [1, 2]}] as asked.', [{ b: [1, 2] }]], // bare JSON inside prose, trailing text ignored
    ["[{'Position': [1, 2, 3, 4], 'Confidence': 0.9}]", [{ Position: [1, 2, 3, 4], Confidence: 0.9 }]], // Visual-RFT's Python dicts
    ["{'ok': True, 'no': False, 'none': None}", { ok: true, no: false, none: null }], // Python literals
    ['{bbox: [1, 2, 3, 4], label: "dog"}', { bbox: [1, 2, 3, 4], label: 'dog' }], // bare keys
    ['[1, 2, 3,]', [1, 2, 3]], // trailing comma
    ['{"a": [1,], }', { a: [1] }],
    ["['it\\'s', 'say \"hi\"']", ["it's", 'say "hi"']], // quotes inside single-quoted strings
    ['{"t": "line1\nline2"}', { t: 'line1\nline2' }], // a raw newline inside a string
    ['[+1, -2.5e1]', [1, -25]],
    ['I think [the answer] is [1, 2]', [1, 2]], // a bracket that is not JSON is skipped
    ['{[1]: 2}', [1]], // ...so is a container that is not JSON around one that is
    ['```\nnot json\n```\n[3]', [3]], // a fence without JSON falls back to the text
    ['```json\n{"a": 1}\n```\n```json\n{"b": 2}\n```', { a: 1 }], // the first fenced value
  ])('%j', (text, expected) => {
    expect(parseLooseJson(text)?.value).toEqual(expected)
  })

  it.each([
    // truncated by the token limit: complete elements of the outermost list are kept (Visual-RFT's repair)
    ['[{"bbox_2d": [1, 2, 3, 4]}, {"bbox_2d": [5, 6', [{ bbox_2d: [1, 2, 3, 4] }]],
    ['[{"bbox_2d": [1, 2, 3, 4], "label": "ca', []], // a half-written element is dropped, not kept without its label
    ['```json\n[[1, 2, 3, 4], [5, 6, 7', [[1, 2, 3, 4]]],
    ['{"boxes": [[1, 2, 3, 4], [5, 6', { boxes: [[1, 2, 3, 4]] }],
    ['{"a": 1, "b": {"c": 2', { a: 1 }],
    ['[1, 2, 3', [1, 2]], // the last number may itself be cut ("3" of "30")
  ])('truncated %j', (text, expected) => {
    const r = parseLooseJson(text)
    expect(r?.value).toEqual(expected)
    expect(r?.truncated).toBe(true)
  })

  it('says whether it repaired or read a fence', () => {
    expect(parseLooseJson('[1]')).toEqual({ value: [1], repaired: false, truncated: false, fenced: false })
    expect(parseLooseJson('```\n[1,]\n```')).toEqual({ value: [1], repaired: true, truncated: false, fenced: true })
  })

  it.each([
    [''],
    ['no json here'],
    ['{"a" 1}'], // missing colon
    ['{"a": }'],
    ['[1 2]'],
    ['[NaN]'], // not JSON, and not guessed
    ['[1}'], // mismatched brackets
  ])('%j → undefined', (text) => {
    expect(parseLooseJson(text)).toBeUndefined()
  })

  it('caps nesting depth and input size', () => {
    expect(parseLooseJson(`${'['.repeat(100)}1,${']'.repeat(100)}`, { maxDepth: 64 })).toBeUndefined()
    expect(parseLooseJson(`${'['.repeat(10)}1,${']'.repeat(10)}`, { maxDepth: 10 })?.value).toEqual([
      [[[[[[[[[1]]]]]]]]],
    ])
    expect(parseLooseJson(`${'['.repeat(10)}${']'.repeat(10)}`)?.value).toEqual([[[[[[[[[[]]]]]]]]]])
    expect(parseLooseJson('[1, 2, 3, 4]', { maxChars: 8 })?.value).toEqual([1, 2])
  })
})

describe('visualRftExtractBbox (faithful)', () => {
  it.each([
    ["<answer>[{'Position': [1, 2, 3, 4], 'Confidence': 0.9}]</answer>", [{ Position: [1, 2, 3, 4], Confidence: 0.9 }]],
    // truncated: cut at the last "}," and close
    [
      "<answer>[{'Position': [1, 2, 3, 4], 'Confidence': 0.9}, {'Position': [5,",
      [{ Position: [1, 2, 3, 4], Confidence: 0.9 }],
    ],
    ['no tag [1]', undefined],
    ["<answer>[{'Position': [1, 2, 3, 4]}]\n</answer>", undefined], // QUIRK: a trailing newline breaks the "]" check
    ["<answer>[{'label': \"it's\"}]</answer>", undefined], // QUIRK: every ' becomes ", breaking apostrophes
    ['<answer>[]</answer>', []],
    ['</answer><answer>[1]', undefined], // the first </answer> precedes the open tag: empty content
  ])('%j', (text, expected) => {
    expect(visualRftExtractBbox(text)).toEqual(expected)
  })
})

describe('properties', () => {
  const json = fc.jsonValue({ maxDepth: 4 })
  it('reads back any JSON value, bare, fenced or inside prose', () => {
    fc.assert(
      fc.property(json, (v) => {
        if (typeof v !== 'object' || v === null) return
        const s = JSON.stringify(v)
        expect(parseLooseJson(s)?.value).toEqual(JSON.parse(s))
        expect(parseLooseJson(`Here:\n\`\`\`json\n${JSON.stringify(v, null, 2)}\n\`\`\``)?.value).toEqual(JSON.parse(s))
        expect(parseLooseJson(`The result is ${s} as requested.`)?.value).toEqual(JSON.parse(s))
      }),
    )
  })

  it('a truncated list keeps a prefix of its elements', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer(), { minLength: 4, maxLength: 4 }), { minLength: 1 }),
        fc.nat(),
        (boxes, cut) => {
          const s = JSON.stringify(boxes)
          const r = parseLooseJson(s.slice(0, 1 + (cut % (s.length - 1))))
          expect(r?.truncated).toBe(true)
          const got = r?.value as number[][]
          expect(got).toEqual(boxes.slice(0, got.length))
        },
      ),
    )
  })

  it('never throws on random and adversarial strings', () => {
    const soup = fc.string({
      unit: fc.constantFrom('[', ']', '{', '}', '"', "'", ',', ':', '1', 'a', 'True', '\\', ' ', '```', '\n', '-'),
      maxLength: 60,
    })
    fc.assert(
      fc.property(fc.oneof(soup, fc.string({ unit: 'grapheme', maxLength: 60 })), (text) => {
        parseLooseJson(text)
        visualRftExtractBbox(`<answer>${text}`)
      }),
      { numRuns: 20_000 },
    )
  })
})

describe('adversarial input is linear', () => {
  it.each([
    ['1 MB of "{"', '{'.repeat(1 << 20)],
    ['1 MB of "["', '['.repeat(1 << 20)],
    ['"[" and 1 MB of a string', `["${'x'.repeat(1 << 20)}`],
    ['1 MB of "[1,"', '[1,'.repeat(1 << 18)],
    ['1 MB of "```"', '```'.repeat(1 << 18)],
    ['a 1 MB list', `[${'1,'.repeat(1 << 19)}1]`],
  ])('%s', (_, text) => {
    const t = performance.now()
    parseLooseJson(text)
    visualRftExtractBbox(`<answer>${text}`)
    expect(performance.now() - t).toBeLessThan(1500)
  })
})
