/**
 * Issue item 9: 10^5 random and adversarial strings through every parser; none may throw, and no single item may
 * take over 5 ms. An item over the bound is timed twice more and judged by its fastest run, so a GC pause or a
 * descheduled core on a shared CI machine is not mistaken for a slow input (a slow input is slow every time).
 * Strings here stay under a few thousand chars; megabyte inputs are checked for linear time beside each parser.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { extractBoxed } from './boxed.js'
import { extractChoice, listedChoices } from './choice.js'
import { fencedBlocks, parseLooseJson, visualRftExtractBbox } from './json.js'
import { extractNumbers, lastNumber, parseNumber } from './numbers.js'
import { extractAllTags, extractAnswer, extractTag } from './tags.js'
import { parseYesNo } from './yes-no.js'

const PARSERS: [string, (s: string) => unknown][] = [
  ['extractNumbers', (s) => extractNumbers(s)],
  ['lastNumber', (s) => lastNumber(s, { decimal: 'comma' })],
  ['parseNumber', (s) => parseNumber(s)],
  ['parseLooseJson', (s) => parseLooseJson(s)],
  ['fencedBlocks', (s) => fencedBlocks(s)],
  ['visualRftExtractBbox', (s) => visualRftExtractBbox(s)],
  ['extractBoxed', (s) => [extractBoxed(s), extractBoxed(s, { which: 'first' })]],
  [
    'extractChoice',
    (s) => {
      const m = extractChoice(s)
      return m && listedChoices(s, m.index)
    },
  ],
  ['parseYesNo', (s) => parseYesNo(s)],
  ['extractTag', (s) => [extractTag(s, 'answer', { multiline: false }), extractAllTags(s, 'think'), extractAnswer(s)]],
]

const TOKENS = [
  '<answer>',
  '</answer>',
  '<think>',
  '</think>',
  '< answer >',
  '</ answer>',
  '<',
  '>',
  '/',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '\\',
  '\\boxed{',
  '\\fbox{',
  '```',
  '```json\n',
  ',',
  '.',
  ':',
  '-',
  '−',
  '+',
  '%',
  '$',
  '€',
  '1',
  '0',
  '9',
  '1,000',
  '3,5',
  '1.234,5',
  'e5',
  'one',
  'twenty',
  'hundred',
  'and',
  'a',
  'million',
  'percent',
  'A',
  'B',
  'C',
  '(A)',
  'answer is',
  'option',
  ' or ',
  'yes',
  'no',
  'not',
  'True',
  'None',
  'null',
  ' ',
  '\n',
  '\t',
  '\u00a0',
  '\u202f',
  '\u0000',
  '\u001f',
  '\u200b',
  '\ud800',
  '\udc00',
  '😀',
  '中',
  'é',
  '\u0301',
  '\ufeff',
]
const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((t) => t.join(''))
const runs = fc
  .tuple(fc.constantFrom(...TOKENS), fc.integer({ min: 1, max: 300 }), fc.constantFrom('', ...TOKENS))
  .map(([t, n, tail]) => t.repeat(n) + tail)
const anything = fc.oneof(
  soup,
  runs,
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
)

const BOUND_MS = 5

function slowest(input: string): { name: string; ms: number } | undefined {
  for (const [name, parse] of PARSERS) {
    let best = Number.POSITIVE_INFINITY
    for (let attempt = 0; attempt < 3 && best > BOUND_MS; attempt++) {
      const t = performance.now()
      parse(input)
      best = Math.min(best, performance.now() - t)
    }
    if (best > BOUND_MS) return { name, ms: best }
  }
  return undefined
}

describe('fuzzing every parser', () => {
  it('10^5 random and adversarial strings: no throw, none over 5 ms', () => {
    const samples = fc.sample(anything, { numRuns: 100_000, seed: 20260 })
    const slow: string[] = []
    for (const s of samples) {
      const r = slowest(s)
      if (r) slow.push(`${r.name} took ${r.ms.toFixed(1)} ms on ${JSON.stringify(s.slice(0, 60))}… (${s.length} chars)`)
    }
    expect(slow).toEqual([])
  }, 300_000)
})
