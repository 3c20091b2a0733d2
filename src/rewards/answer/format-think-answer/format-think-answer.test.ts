import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runReward } from '../../../core/run-reward.js'
import { FORMAT_VARIANTS, type FormatVariant, formatThinkAnswer } from './format-think-answer.js'
import { formatThinkAnswerReward } from './reward.js'
import { squeezeTagSpace } from './sequence.js'

const score = (response: string, params = {}) =>
  runReward(formatThinkAnswerReward, formatThinkAnswerReward.params.parse(params), { response }, { services: {} })

describe('formatThinkAnswer', () => {
  it.each<[string, FormatVariant, boolean]>([
    // rewards.md P2: the whole string must match
    ['<think>look</think><answer>B</answer>', 'r1', true],
    ['<think>a\nb</think>\n\n<answer>\nB\n</answer>', 'r1', true], // DOTALL and \s* between the blocks
    [' <think>x</think><answer>B</answer>', 'r1', false], // nothing before
    ['<think>x</think><answer>B</answer>\n', 'r1', false], // nothing after, not even a newline (fullmatch)
    ['<think>x</think> so <answer>B</answer>', 'r1', false], // only whitespace between the blocks
    ['<think>x</think><answer>B</answer><answer>C</answer>', 'r1', true], // .*? may swallow tags, as in Python
    ['<think></think><answer></answer>', 'r1', true], // the regex allows empty blocks; accuracy rewards judge content
    ['<think>x</think><answer>B', 'r1', false], // truncated
    ['< think >x</ think ><answer>B</answer>', 'r1', false], // strict unless lenientTags
    // TRL think_format_reward
    ['<think>x</think>The answer is 4', 'think-only', true],
    ['<think>x</think><think>y</think>', 'think-only', false], // a second <think> anywhere fails
    ['Hi <think>x</think>', 'think-only', false],
    ['<think>x', 'think-only', false],
    // EasyR1 / verl geo3k
    ['<think>x</think> so \\boxed{4}.', 'boxed', true],
    ['< think >x</ think > \\boxed{4}', 'boxed', true], // EasyR1 normalises tag whitespace
    ['<think>x</think> 4', 'boxed', false],
    ['\\boxed{4}<think>x</think>', 'boxed', false],
    // SATORI-R1 (rewards.md §5a)
    ['<caption>a dog</caption>\n<bbox>[[1,2,3,4]]</bbox>\n<answer>dog</answer>\n', 'satori', true],
    ['<caption>a dog</caption><bbox>[1,2,3,4]</bbox><answer>dog</answer>', 'satori', false], // needs [[…]]
    ['<caption>a</caption><answer>dog</answer>', 'satori', false],
    // Perception-R1 (rewards.md §5e)
    ['<think>\nx\n</think>\n<answer>\nso \\boxed{4}\n</answer>', 'perception-r1', true],
    ['<think>\nx\n</think>\n<answer>\nso \\boxed{4}\n</answer>\n', 'perception-r1', true], // $ before a final newline
    ['<think>\nx\n</think>\n<answer>\n\\boxed{}\n</answer>', 'perception-r1', false], // .+? needs content
    ['<think>x</think>\n<answer>\n\\boxed{4}\n</answer>', 'perception-r1', false], // the newlines are required
  ])('%j as %s → %s', (response, variant, expected) => {
    expect(formatThinkAnswer(response, variant)).toBe(expected)
  })

  it('lenientTags applies to any variant', () => {
    expect(formatThinkAnswer('< think >x</ think ><answer>B</ answer>', 'r1', { lenientTags: true })).toBe(true)
    expect(formatThinkAnswer('< think >x</ think > \\boxed{4}', 'boxed', { lenientTags: false })).toBe(false)
  })
})

describe('the reward', () => {
  it('gives 1, or 0 with the expected layout', async () => {
    expect(await score('<think>x</think><answer>B</answer>')).toEqual({ score: 1, valid: true, reason: { code: 'ok' } })
    expect(await score('B', { variant: 'satori' })).toMatchObject({
      score: 0,
      valid: true,
      reason: { code: 'format_mismatch', variant: 'satori' },
    })
  })
  it('rejects an unknown variant at compile time', () => {
    expect(() => formatThinkAnswerReward.params.parse({ variant: 'r2' })).toThrow(/variant/)
  })
})

// The JS equivalents of the Python regexes; on this alphabet JS and Python agree (\s is only " " and "\n" here).
const REGEX: Record<FormatVariant, RegExp> = {
  r1: /^<think>[\s\S]*?<\/think>\s*<answer>[\s\S]*?<\/answer>$/,
  'think-only': /^<think>(?![\s\S]*<think>)([\s\S]*?)<\/think>[\s\S]*$/,
  boxed: /^<think>[\s\S]*<\/think>[\s\S]*\\boxed\{[\s\S]*\}[\s\S]*$/,
  satori:
    /^\s*<caption>[\s\S]*?<\/caption>\s*<bbox>\s*\[\[[\s\S]*?\]\]\s*<\/bbox>\s*<answer>[\s\S]*?<\/answer>\s*$(?![\s\S])/,
  'perception-r1':
    /^<think>\n[\s\S]*?\n<\/think>\n<answer>\n[\s\S]*?\\boxed\{[\s\S]+?\}[\s\S]*?\n<\/answer>\n?$(?![\s\S])/,
  // re.search: unanchored (vlm-r1-rec.test.ts checks it on an alphabet with digits and brackets)
  'vlm-r1-rec':
    /<think>[\s\S]*?<\/think>\s*<answer>[\s\S]*?\{[\s\S]*\[\d+,\s*\d+,\s*\d+,\s*\d+\][\s\S]*\}[\s\S]*?<\/answer>/,
}

describe('properties', () => {
  const parts = fc.constantFrom(
    '<think>',
    '</think>',
    '<answer>',
    '</answer>',
    '<caption>',
    '</caption>',
    '<bbox>',
    '</bbox>',
    '[[',
    ']]',
    '\\boxed{',
    '}',
    '\n',
    ' ',
    'x',
  )
  it('agrees with the reference regex on random tag soup (no backtracking blow-up on our side)', () => {
    fc.assert(
      fc.property(fc.array(parts, { maxLength: 14 }), fc.constantFrom(...FORMAT_VARIANTS), (ps, variant) => {
        const s = ps.join('')
        expect(formatThinkAnswer(s, variant, { lenientTags: false })).toBe(REGEX[variant].test(s))
      }),
      { numRuns: 20_000 },
    )
  })

  it('squeezeTagSpace equals EasyR1 re.sub on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '/', ' ', '\n', 'a', '\t'), maxLength: 30 }), (s) => {
        expect(squeezeTagSpace(s)).toBe(s.replace(/\s*([<>/])\s*/g, '$1'))
      }),
    )
  })
})

// Linear: 10 MB takes tens of ms per variant on an idle core; the bound is loose because CI cores are shared.
describe('adversarial input is linear', () => {
  it.each([
    ['10 MB of unclosed think', `<think>${'<think>'.repeat(1_400_000)}`],
    ['1 MB of </think>', `<think>${'</think> '.repeat(1 << 17)}`],
    ['1 MB of spaces before tags', `<think>x</think>${' '.repeat(1 << 20)}<answer>`],
    ['1 MB of [[', `<caption>x</caption><bbox>${'[['.repeat(1 << 19)}`],
  ])('%s', (_, text) => {
    const t = performance.now()
    for (const v of FORMAT_VARIANTS) formatThinkAnswer(text, v)
    expect(performance.now() - t).toBeLessThan(3000)
  })
})
