import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { JudgeReply } from '../../../core/judge.js'
import { firstTokenLogprobs } from '../test-utils/fake-judge.js'
import { indexedFlags, parseLabel, parsePairVerdict, parseRubricScore, yesProbability } from './parse.js'
import { renderTemplate, templateNames } from './template.js'

const reply = (text: string, logprobs?: JudgeReply['logprobs']): JudgeReply => ({
  text,
  usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0, cachedTokens: 0 },
  latencyMs: 0,
  cached: false,
  model: 'm',
  ...(logprobs ? { logprobs } : {}),
})

describe('parseRubricScore', () => {
  it.each([
    ['{"steps": [], "result": 0.8}', 0.8], // the score_model contract
    ['```json\n{"result": "7", "steps": [{"description": "a", "conclusion": "b"}]}\n```', 7], // fenced, numeric string
    ["{'result': 3,}", 3], // Python-literal dialect judges write
    ['{"score": 4}', 4], // the other common key
    ['8/10', 8], // a bare rating
    ['  9 ', 9],
    ['The answer deserves a 7 because...', undefined], // prose is not a score: no guessing
    ['{"result": "high"}', undefined], // non-numeric result
    ['', undefined],
  ])('%j → %s', (text, want) => {
    expect(parseRubricScore(text)).toBe(want)
  })
})

describe('parseLabel', () => {
  const labels = ['correct', 'incorrect']
  it.each([
    ['correct', 'correct'],
    ['Incorrect.', 'incorrect'], // case and a trailing dot
    ['{"label": "incorrect"}', 'incorrect'],
    ['The answer is incorrect', 'incorrect'], // "incorrect" contains "correct": the longer label wins
    ['<answer>correct</answer>', 'correct'],
    ['maybe', undefined],
    ['{"label": "partly"}', undefined], // JSON naming no label is no answer
  ])('%j → %s', (text, want) => {
    expect(parseLabel(text, labels)).toBe(want)
  })
  it('refuses a reply naming two unrelated labels', () => {
    expect(parseLabel('either cat or dog', ['cat', 'dog', 'bird'])).toBeUndefined()
  })
})

describe('parsePairVerdict', () => {
  it.each([
    ['<answer>Image 1 is better</answer>', 'first'], // Pref-GRPO
    ['<think>…</think><answer>Image 2 is better</answer>', 'second'],
    ['Overall Judgment: Answer 2 is better', 'second'], // VL-RewardBench
    ['```json\n{"better_response": "B", "reasoning": "..."}\n```', 'second'], // MMRB2, fenced
    ['{"better_response":"A"}', 'first'],
    ['[[A]]', 'first'], // MT-Bench
    ['[[C]]', 'tie'],
    ['Response 1 is better ... no wait, Response 2 is better', 'first'], // both: the first candidate is checked first
    ['I cannot decide', undefined], // unreadable is not a tie here; callers decide
  ])('%j → %s', (text, want) => {
    expect(parsePairVerdict(text)).toBe(want)
  })
  it.each([
    ['Image 1 is better', undefined], // Pref-GRPO: no <answer> is no verdict (a tie to the caller), never a win
    ['Overall Judgment: Answer 2 is better', undefined],
    ['{"better_response":"A"}', undefined], // bare JSON outside the block is not read either
    ['Image 1 is better. <answer>Both are fine</answer>', undefined], // prose outside the block is ignored
    ['<answer>Image 2 is better</answer>', 'second'],
    ['<think>Image 1 is better?</think><answer>Image 2 is better</answer>', 'second'],
    ['<answer>{"better_response": "A"}</answer>', 'first'],
    ['<answer>It is a tie</answer>', 'tie'],
  ])('requireAnswerTag: %j → %s', (text, want) => {
    expect(parsePairVerdict(text, { requireAnswerTag: true })).toBe(want)
  })
  it('never throws on arbitrary text', () => {
    for (const requireAnswerTag of [false, true])
      fc.assert(
        fc.property(fc.string({ maxLength: 400 }), (s) =>
          [undefined, 'first', 'second', 'tie'].includes(parsePairVerdict(s, { requireAnswerTag })),
        ),
      )
  })
  it('requireAnswerTag reads a verdict only where the lenient reading finds the same one', () => {
    const part = fc.constantFrom(
      'Image 1 is better',
      'Image 2 is better',
      '<answer>',
      '</answer>',
      ' tie ',
      '[[A]]',
      'x',
    )
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), (parts) => {
        const s = parts.join(' ')
        const strict = parsePairVerdict(s, { requireAnswerTag: true })
        return strict === undefined || strict === parsePairVerdict(s)
      }),
    )
  })
})

describe('indexedFlags', () => {
  it('reads <infoK> verdicts, leaving missing ones undefined', () => {
    expect(indexedFlags('<info1>1</info1> <info3> 0 </info3><info2>x</info2>', 'info', 4)).toEqual([
      1,
      undefined,
      0,
      undefined,
    ])
  })
})

describe('yesProbability', () => {
  it('sums the alternatives that read yes / no at the first word token', () => {
    const lp = firstTokenLogprobs('Yes', { Yes: 0.7, ' yes': 0.1, No: 0.15, maybe: 0.05 })
    const p = yesProbability(reply('Yes', lp))
    expect(p?.from).toBe('logprobs')
    expect(p?.pYes).toBeCloseTo(0.8)
    expect(p?.pNo).toBeCloseTo(0.15)
  })
  it('skips leading whitespace tokens', () => {
    const lp = [{ token: ' ', logprob: 0, top: [] }, ...firstTokenLogprobs('No', { No: 0.9, Yes: 0.1 })]
    expect(yesProbability(reply(' No', lp))?.pYes).toBeCloseTo(0.1)
  })
  it('falls back to the words, and refuses a hedge', () => {
    expect(yesProbability(reply('Yes, it does.'))).toEqual({ pYes: 1, pNo: 0, from: 'text' })
    expect(yesProbability(reply('yes or no, hard to say'))).toBeUndefined()
  })
})

describe('templates', () => {
  it('lists placeholders and reports malformed ones', () => {
    expect(templateNames('{{a}} and {{ meta.b }}')).toEqual(['a', 'meta.b'])
    expect(templateNames('{{a')).toMatch(/unclosed/)
    expect(templateNames('{{a b}}')).toMatch(/bad placeholder/)
  })
  it('renders values once, never re-expanding a value that contains braces', () => {
    expect(renderTemplate('[{{x}}] {{meta.k}}', { x: '{{x}}' }, { k: [1, 2] })).toBe('[{{x}}] [1,2]')
  })
  it('is the identity on text without placeholders', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes('{{')),
        (s) => renderTemplate(s, {}) === s,
      ),
    )
  })
})
