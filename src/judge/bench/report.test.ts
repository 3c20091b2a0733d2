import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fakeJudge } from '../../rewards/judge/test-utils/fake-judge.js'
import { codePointLength } from '../../rewards/text/metrics/sequence.js'
import type { BenchPair } from './data.js'
import { figures, vlRewardBenchSwap } from './report.js'
import { type BenchItemResult, runJudgeBench } from './run.js'

const pair = (responses: [string, string], preferred: 0 | 1 = 0): BenchPair => ({
  id: 'p',
  query: 'q',
  images: [],
  responses,
  preferred,
  category: 'general',
})

/** One item judged right with `a` shown first and wrong with `b` first: VL-RB scores it 1 iff swap is 0. */
const result = (responses: [string, string]): BenchItemResult => ({
  pair: pair(responses),
  forward: 0,
  reverse: 1,
  errors: [],
  tokens: { prompt: 0, completion: 0 },
  latencies: [],
  cachedCalls: 0,
})

describe('VL-RewardBench swap rule', () => {
  it.each([
    // [responses, Python's sum(len(r) for r in responses) % 2]
    [['😀', 'x'], 0], // the audit's case: 2 code points (JS .length says 3)
    [['ab', 'c'], 1],
    [['é', 'e\u0301'], 1], // code points, not graphemes: 1 + 2
    [['\ud83d', 'x'], 0], // a lone surrogate is one code point, as Python keeps it from JSON
    [['𝔘𝔫𝔦', '🎉🎉'], 1],
  ] as const)('%j → swap %d', (responses, swap) => {
    expect(vlRewardBenchSwap(responses)).toBe(swap)
    expect(figures([result([...responses] as [string, string])]).accVlRewardBench).toBe(swap === 0 ? 1 : 0)
  })

  it('counts code points as the string iterator does (lone surrogates included)', () => {
    const unit = fc.oneof(
      fc.integer({ min: 0xd7f0, max: 0xe010 }).map((c) => String.fromCharCode(c)), // surrogates, paired or not
      fc.constantFrom('a', '😀', 'é'),
    )
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), (parts) => {
        const s = parts.join('')
        return codePointLength(s) === [...s].length
      }),
    )
  })
})

describe('runJudgeBench', () => {
  it('reads verdicts without an <answer> block (VL-RewardBench: "Overall Judgment: Answer X is better")', async () => {
    const judge = fakeJudge(() => 'Overall Judgment: Answer 1 is better')
    const [r] = await runJudgeBench([pair(['a', 'b'])], judge)
    expect(r).toMatchObject({ forward: 0, reverse: 1, errors: [] })
  })
})
