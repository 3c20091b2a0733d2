import { describe, expect, it } from 'vitest'
import { fakeJudge, firstTokenLogprobs } from '../test-utils/fake-judge.js'
import { runJudge } from '../test-utils/run.js'
import { judgeConsistencyReward } from './reward.js'

describe('judge-consistency', () => {
  it('asks whether the answer follows from the reasoning and scores P(yes)', async () => {
    const judge = fakeJudge(() => ({ text: 'Yes', logprobs: firstTokenLogprobs('Yes', { Yes: 0.95, No: 0.05 }) }))
    const out = await runJudge(
      judgeConsistencyReward,
      {},
      { prompt: '2+2?', response: '<think>2+2=4</think><answer>4</answer>', images: [{ path: 'x.png' }] },
      judge,
    )
    expect(out.score).toBeCloseTo(0.95)
    expect(judge.calls[0]?.text).toContain('Reasoning:\n2+2=4\n\nFinal answer:\n4')
    expect(judge.calls[0]?.images).toBe(0) // text-only by default
  })
  it.each([
    ['<answer>4</answer>', '<think>'], // nothing to compare: the judge is not asked
    ['<think>2+2=4</think>', '<answer>'],
    ['<think> </think><answer>4</answer>', '<think>'],
  ])('%s is invalid (no %s)', async (response, tag) => {
    const judge = fakeJudge(() => 'Yes')
    const out = await runJudge(judgeConsistencyReward, {}, { response }, judge)
    expect(out.reason.code).toBe('no_answer')
    expect((out.reason as { expected: string }).expected).toContain(tag)
    expect(judge.calls).toHaveLength(0)
  })
})
