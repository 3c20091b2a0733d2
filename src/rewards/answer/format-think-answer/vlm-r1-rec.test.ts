import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runReward } from '../../../core/run-reward.js'
import { formatThinkAnswer } from './format-think-answer.js'
import { formatThinkAnswerReward } from './reward.js'
import { vlmR1RecSearch } from './vlm-r1-rec.js'

const score = (response: string) =>
  runReward(
    formatThinkAnswerReward,
    formatThinkAnswerReward.params.parse({ variant: 'vlm-r1-rec' }),
    { response },
    { services: {} },
  )

describe('vlm-r1-rec (rewards.md §2a)', () => {
  it.each<[string, boolean]>([
    ['<think>x</think><answer>[100,100,200,200]</answer>', false], // audit: no {…} around the box
    ['Sure <think>x</think><answer>{"b":[1,2,3,4]}</answer>', true], // audit: re.search, text before is fine
    ['<think>x</think><answer>{"bbox_2d": [1, 2, 3, 4]}</answer> done', true], // text after too
    ['<think>x</think>\n <answer>[{"bbox_2d":[10,20,30,40],"label":"cat"}]</answer>', true], // \s* between blocks
    ['<think>x</think> so <answer>{[1,2,3,4]}</answer>', false], // only whitespace between </think> and <answer>
    ['<think>x</think><answer>{[1.5,2,3,4]}</answer>', false], // integers only
    ['<think>x</think><answer>{[-1,2,3,4]}</answer>', false], // no sign
    ['<think>x</think><answer>{[1 ,2,3,4]}</answer>', false], // no space before a comma
    ['<think>x</think><answer>{[1,2,3]}</answer>', false], // four numbers
    ['<think>x</think><answer>{[1,2,3,4]</answer>', false], // the } must follow the box
    ['<think>x</think><answer>[1,2,3,4]}</answer>', false], // the { must precede it
    ['<think>x</think><answer>{[1,2,3,4]}', false], // truncated
    ['<think>a</think><answer>{[1,2,3,4]}</answer>'.replace('<think>', '< think >'), false], // strict tags
    ['<think></think><answer>{[1,2,3,4]}</answer>', true], // empty think
    ['<think>x</think><answer></answer>{[1,2,3,4]}</answer>', true], // .*? crosses </answer>, as in Python
    ['<think>x</think><answer>{ [1,2,3,4] [5]}</answer>', true], // a later broken list does not matter
    ['<think>x</think><answer>{ [1,2] [1,\n2,\t3,  4] }</answer>', true], // the first box that parses
    ['<think>x</think><answer>{[١,٢,٣,٤]}</answer>', true], // Python's \d takes Arabic-Indic digits
    ['<think>x</think><answer>{[𝟏,𝟐,𝟑,𝟒]}</answer>', true], // and mathematical digits (two UTF-16 units)
    ['</think><answer>{[1,2,3,4]}</answer><think>', false], // <think> must come first
    ['<think>x</think><think>y</think><answer>{[1,2,3,4]}</answer>', true], // any </think> that meets <answer>
  ])('%j → %s', (response, expected) => {
    expect(formatThinkAnswer(response, 'vlm-r1-rec')).toBe(expected)
  })

  it('scores 1, or 0 with the regex in the reason', async () => {
    expect(await score('Sure <think>x</think><answer>{"b":[1,2,3,4]}</answer>')).toEqual({
      score: 1,
      valid: true,
      reason: { code: 'ok' },
    })
    expect(await score('<think>x</think><answer>[100,100,200,200]</answer>')).toMatchObject({
      score: 0,
      valid: true,
      reason: { code: 'format_mismatch', variant: 'vlm-r1-rec' },
    })
  })
})

/** The regex itself, with Python's `\s` and `\d` (Unicode Nd) spelled out; fine as an oracle on short strings. */
const PY_S = '[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]'
const D = '\\p{Nd}+'
const ORACLE = new RegExp(
  `<think>[\\s\\S]*?</think>${PY_S}*<answer>[\\s\\S]*?\\{[\\s\\S]*\\[${D},${PY_S}*${D},${PY_S}*${D},${PY_S}*${D}\\][\\s\\S]*\\}[\\s\\S]*?</answer>`,
  'u',
)

describe('vlm-r1-rec properties', () => {
  const parts = fc.constantFrom(
    '<think>',
    '</think>',
    '<answer>',
    '</answer>',
    '{',
    '}',
    '[',
    ']',
    ',',
    '1',
    '23',
    '٣', // Arabic-Indic digit (Nd)
    '𝟏', // U+1D7CF, a digit outside the BMP
    '½', // a number, but not a decimal digit
    '[1,2,3,4]',
    '[1, 2,\n3,4]',
    ' ',
    '\n',
    '\x1c', // Python whitespace, not JavaScript's
    '\ufeff', // JavaScript whitespace, not Python's
    'x',
  )
  // tag soup alone almost never matches: also build the pattern's pieces in order, each one kept, dropped or
  // swapped for a random part, with soup between them (about one in twelve of these match)
  const soup = fc.array(parts, { maxLength: 3 }).map((ps) => ps.join(''))
  const piece = (p: string) => fc.oneof({ arbitrary: fc.constant(p), weight: 6 }, { arbitrary: parts, weight: 1 })
  const skeleton = fc
    .tuple(
      ...['<think>', '</think>', ' ', '<answer>', '{', '[1,2,3,4]', '}', '</answer>'].map((p) =>
        fc.tuple(soup, piece(p)),
      ),
      soup,
    )
    .map((xs) => xs.flat().join(''))
  it.each([
    ['tag soup', fc.array(parts, { maxLength: 16 }).map((ps) => ps.join(''))],
    ['the pattern, mutated', skeleton],
  ])('agrees with the regex (re.search, DOTALL) on %s', (_, strings) => {
    fc.assert(
      fc.property(strings, (s) => {
        expect(vlmR1RecSearch(s)).toBe(ORACLE.test(s))
      }),
      { numRuns: 20_000 },
    )
  })
  it('agrees with the regex on random short strings of the pattern characters (misses, mostly)', () => {
    const unit = fc.constantFrom('<', '>', '/', 't', 'h', 'i', 'n', 'k', 'a', 's', 'w', 'e', 'r', '{', '}', '[', ']')
    const extra = fc.constantFrom(',', '1', ' ', '\n', '<think>', '</think>', '<answer>', '</answer>')
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(unit, extra), maxLength: 40 }), (s) => {
        expect(vlmR1RecSearch(s)).toBe(ORACLE.test(s))
      }),
      { numRuns: 20_000 },
    )
  })
})

// Linear: the backtracking regex takes seconds on a few kB of this; ours stays in milliseconds on megabytes.
describe('vlm-r1-rec on adversarial input is linear', () => {
  it.each([
    ['1 MB of </think>', `<think>${'</think> '.repeat(1 << 17)}`],
    ['1 MB of { [', `<think></think><answer>${'{ [1,2,3,'.repeat(1 << 17)}`],
    ['1 MB of boxes without }', `<think></think><answer>{${'[1,2,3,4]'.repeat(1 << 17)}`],
    ['1 MB of digits', `<think></think><answer>{[${'1'.repeat(1 << 20)}`],
    ['1 MB of non-ASCII digits', `<think></think><answer>{[${'٣'.repeat(1 << 20)}`],
  ])('%s', (_, text) => {
    const t = performance.now()
    expect(vlmR1RecSearch(text)).toBe(false)
    expect(performance.now() - t).toBeLessThan(3000)
  })
})
