import { describe, expect, it } from 'vitest'
import { fakeJudge } from '../test-utils/fake-judge.js'
import { runJudge } from '../test-utils/run.js'
import { JudgeLabelParams, judgeLabelReward } from './reward.js'

const item = { prompt: 'Is there a dog?', response: 'yes' }
const params = { labels: ['correct', 'partly', 'incorrect'], passing: ['correct', 'partly'] }

describe('judge-label', () => {
  it.each([
    ['correct', 1, 0],
    ['Partly', 1, 1], // any passing label passes
    ['incorrect', 0, 2],
  ])('%s → %d', async (text, score, index) => {
    const out = await runJudge(
      judgeLabelReward,
      params,
      item,
      fakeJudge(() => text),
    )
    expect(out).toMatchObject({ score, valid: true })
    expect(out.components?.label_index).toBe(index)
  })
  it('lists the labels in the prompt', async () => {
    const judge = fakeJudge(() => 'correct')
    await runJudge(judgeLabelReward, params, item, judge)
    expect(judge.calls[0]?.text).toContain('correct, partly, incorrect')
  })
  it('a reply that names no label is an error', async () => {
    const out = await runJudge(
      judgeLabelReward,
      params,
      item,
      fakeJudge(() => 'hmm'),
    )
    expect(out).toMatchObject({ valid: false, reason: { code: 'reward_error' } })
  })
  it('passing labels must be labels', () => {
    expect(JudgeLabelParams.safeParse({ labels: ['a', 'b'], passing: ['c'] }).success).toBe(false)
    expect(JudgeLabelParams.safeParse({ labels: ['a', 'A'], passing: ['a'] }).success).toBe(false)
  })
})
