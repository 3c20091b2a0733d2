import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sameJson } from './compare.js'
import { environments, type Span } from './extract.js'
import { type Cut, type CutKind, topCuts } from './structure.js'

// Functions rewritten for speed, each against what it replaced: topCuts scans by char code and environments
// jumps with indexOf (the character-by-character scans are kept here as oracles); sameJson stands for
// JSON.stringify equality.

const OPEN = new Set(['(', '[', '{'])
const CLOSE = new Set([')', ']', '}'])
const REL_CMDS: readonly (readonly [string, string])[] = [
  ['\\le', '<='],
  ['\\ge', '>='],
  ['\\ne', '!='],
  ['\\in', 'in'],
]

function topCutsBefore(s: string, kind: CutKind): Cut[] {
  const cuts: Cut[] = []
  let depth = 0
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string
    if (ch === '\\') {
      const next = s[i + 1] ?? ''
      if (next === '{' || next === '(' || next === '[') depth++
      else if (next === '}' || next === ')' || next === ']') depth--
      else if (depth === 0) {
        if (kind === 'row' && next === '\\') cuts.push({ at: i, len: 2, op: 'row' })
        let j = i + 1
        while (j < s.length && /[a-zA-Z]/.test(s[j] as string)) j++
        const cmd = s.slice(i, j)
        if (kind === 'relation') {
          const rel = REL_CMDS.find(([c]) => c === cmd)
          if (rel) cuts.push({ at: i, len: cmd.length, op: rel[1] })
        } else if (kind === 'cup' && cmd === '\\cup') cuts.push({ at: i, len: 4, op: 'cup' })
        else if (kind === 'pm' && (cmd === '\\pm' || cmd === '\\mp')) cuts.push({ at: i, len: 3, op: cmd })
        i = j === i + 1 ? i + 1 : j - 1
        continue
      }
      i++
      continue
    }
    if (OPEN.has(ch)) depth++
    else if (CLOSE.has(ch)) depth--
    else if (depth === 0) {
      if (kind === 'comma' && ch === ',') cuts.push({ at: i, len: 1, op: ',' })
      else if (kind === 'cell' && ch === '&') cuts.push({ at: i, len: 1, op: '&' })
      else if (kind === 'relation' && (ch === '=' || ch === '<' || ch === '>' || ch === '!')) {
        const eq = s[i + 1] === '='
        if (ch === '!' && !eq) continue
        cuts.push({ at: i, len: eq && ch !== '=' ? 2 : 1, op: eq && ch !== '=' ? `${ch}=` : ch })
        if (eq && ch !== '=') i++
      }
    }
  }
  return cuts
}

const KINDS: CutKind[] = ['comma', 'relation', 'cup', 'pm', 'row', 'cell']

describe('topCuts', () => {
  const token = fc.constantFrom(
    ',',
    '=',
    '<',
    '>',
    '!',
    '!=',
    '<=',
    '>=',
    '&',
    '\\\\',
    '\\',
    '\\le',
    '\\leq',
    '\\ge',
    '\\ne',
    '\\in',
    '\\infty',
    '\\cup',
    '\\pm',
    '\\mp',
    '\\{',
    '\\}',
    '\\(',
    '\\)',
    '\\[',
    '\\]',
    '(',
    ')',
    '[',
    ']',
    '{',
    '}',
    'x',
    '1',
    ' ',
    'é',
    '😀',
    'abc',
  )
  it('cuts where the string-based scan it replaced cuts, on generated text', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 16 }), fc.constantFrom(...KINDS), (ts, kind) => {
        const s = ts.join('')
        expect(topCuts(s, kind)).toEqual(topCutsBefore(s, kind))
      }),
      { numRuns: 5000 },
    )
  })

  it('and on any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.constantFrom(...KINDS), (s, kind) => {
        expect(topCuts(s, kind)).toEqual(topCutsBefore(s, kind))
      }),
      { numRuns: 2000 },
    )
  })
})

describe('sameJson', () => {
  // MathJSON-like values, with the edges JSON.stringify folds: -0, NaN and infinities (null), undefined in arrays
  const leaf = fc.oneof(
    fc.integer({ min: -3, max: 3 }),
    fc.constantFrom(0, -0, 0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e21, 1e-7),
    fc.constantFrom('x', 'Pi', 'Sqrt', 'Add', '', '1', 'null', '[1]'),
    fc.constantFrom(null, undefined),
    fc.constantFrom({ num: '1' }, { num: '1.0' }, { sym: 'x' }, { str: 'x' }),
  )
  const json = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('v'), { maxLength: 4 })),
  })).v

  it('is JSON.stringify equality', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(sameJson(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b))
        expect(sameJson(a, a)).toBe(true)
      }),
      { numRuns: 5000 },
    )
    // found by the property above: inside an array JSON.stringify writes undefined as null
    expect(sameJson([undefined], [null])).toBe(true)
    expect(sameJson([[undefined, 1]], [[Number.NaN, 1]])).toBe(true)
  })
})

function environmentsBefore(text: string): Span[] {
  const out: Span[] = []
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch !== '$' && ch !== '\\') continue
    let close = ''
    let open = 1
    if (ch === '$') {
      if (i > 0 && text[i - 1] === '\\') continue
      if (text[i + 1] === '$') {
        close = '$$'
        open = 2
      } else close = '$'
    } else if (text[i + 1] === '[') close = '\\]'
    else if (text[i + 1] === '(') close = '\\)'
    else {
      i++
      continue
    }
    if (ch === '\\') open = 2
    const from = i + open
    let end = text.indexOf(close, from)
    while (close === '$' && end > 0 && text[end - 1] === '\\') end = text.indexOf(close, end + 1)
    if (end < 0) continue
    const inner = text.slice(from, end)
    if ((close === '$' || close === '\\)') && inner.includes('\n')) continue
    if (inner.trim() !== '') out.push({ start: i, end: end + close.length, latex: inner, boxed: false })
    i = end + close.length - 1
  }
  return out
}

describe('environments', () => {
  const token = fc.constantFrom(
    '$',
    '$$',
    '\\',
    '\\[',
    '\\]',
    '\\(',
    '\\)',
    '\\$',
    '\\\\',
    '\n',
    ' ',
    'x',
    '1',
    '\\frac{1}{2}',
    'so ',
    '\\boxed{3}',
  )
  it('finds the spans the character-by-character scan it replaced finds', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 20 }), (ts) => {
        const s = ts.join('')
        expect(environments(s)).toEqual(environmentsBefore(s))
      }),
      { numRuns: 5000 },
    )
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        expect(environments(s)).toEqual(environmentsBefore(s))
      }),
      { numRuns: 2000 },
    )
  })
})
