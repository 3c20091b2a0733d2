import { describe, expect, it } from 'vitest'
import { fakeJudge } from '../test-utils/fake-judge.js'
import { runJudge } from '../test-utils/run.js'
import { judgePairwiseReward } from './reward.js'

const item = { prompt: 'Describe the image', response: 'POLICY', reference: 'BASELINE' }
/** a judge that prefers whichever text is named `winner`, wherever it is shown */
const prefers = (winner: string) =>
  fakeJudge((c) =>
    c.text.indexOf(winner) < c.text.indexOf(winner === 'POLICY' ? 'BASELINE' : 'POLICY')
      ? 'Response 1 is better'
      : 'Response 2 is better',
  )

describe('judge-pairwise', () => {
  it.each([
    ['POLICY', 1, 1], // wins in both orders
    ['BASELINE', 0, 1],
  ])('a consistent judge preferring %s → %d', async (winner, score, consistent) => {
    const judge = prefers(winner)
    const out = await runJudge(judgePairwiseReward, {}, item, judge)
    expect(out).toMatchObject({ score, valid: true })
    expect(out.components).toMatchObject({ consistent, tokens: 20 })
    expect(judge.calls).toHaveLength(2)
  })
  it('averages a position-biased judge to .5 and flags it', async () => {
    const out = await runJudge(
      judgePairwiseReward,
      {},
      item,
      fakeJudge(() => '[[A]]'),
    )
    expect(out.score).toBe(0.5)
    expect(out.components).toMatchObject({ forward: 1, reverse: 0, consistent: 0 })
  })
  it('judges once with orders "one"', async () => {
    const judge = prefers('POLICY')
    expect((await runJudge(judgePairwiseReward, { orders: 'one' }, item, judge)).score).toBe(1)
    expect(judge.calls).toHaveLength(1)
  })
  it('compares with a meta field', async () => {
    const judge = prefers('POLICY')
    await runJudge(judgePairwiseReward, { against: 'meta.sft' }, { ...item, meta: { sft: 'SFT ANSWER' } }, judge)
    expect(judge.calls[0]?.text).toContain('SFT ANSWER')
  })
  it('without a baseline, or with an unreadable verdict, it is invalid', async () => {
    expect((await runJudge(judgePairwiseReward, {}, { response: 'x' }, prefers('POLICY'))).reason.code).toBe(
      'missing_reference',
    )
    const out = await runJudge(
      judgePairwiseReward,
      {},
      item,
      fakeJudge(() => 'both have merits'),
    )
    expect(out).toMatchObject({ valid: false, reason: { code: 'reward_error' } })
  })
})
