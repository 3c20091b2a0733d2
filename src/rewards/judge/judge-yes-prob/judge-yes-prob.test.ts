import { describe, expect, it } from 'vitest'
import { fakeJudge, firstTokenLogprobs } from '../test-utils/fake-judge.js'
import { runJudge } from '../test-utils/run.js'
import { judgeYesProbReward } from './reward.js'

const item = { response: 'a red bus on a bridge', images: [{ path: 'bus.png' }] }

describe('judge-yes-prob', () => {
  it('scores P(yes) normalised against P(no), from the first token’s top logprobs', async () => {
    const judge = fakeJudge(() => ({
      text: 'Yes',
      logprobs: firstTokenLogprobs('Yes', { Yes: 0.72, yes: 0.09, No: 0.09 }),
    }))
    const out = await runJudge(judgeYesProbReward, {}, item, judge)
    expect(out.score).toBeCloseTo(0.9)
    expect(out.components?.p_yes).toBeCloseTo(0.81)
    expect(judge.calls[0]?.options).toMatchObject({ logprobs: true, topLogprobs: 20 })
    expect(judge.calls[0]?.text).toBe('Does this figure show "a red bus on a bridge"? Please answer yes or no.')
  })
  it('gives the raw P(yes) without normalisation (VQAScore)', async () => {
    const judge = fakeJudge(() => ({ text: 'Yes', logprobs: firstTokenLogprobs('Yes', { Yes: 0.6, No: 0.2 }) }))
    expect((await runJudge(judgeYesProbReward, { normalize: false }, item, judge)).score).toBeCloseTo(0.6)
  })
  it('falls back to the words when the server gives no logprobs, with a note', async () => {
    const out = await runJudge(
      judgeYesProbReward,
      {},
      item,
      fakeJudge(() => 'No.'),
    )
    expect(out).toMatchObject({ score: 0, valid: true, reason: { code: 'ok' } })
    expect((out.reason as { note?: string }).note).toMatch(/no logprobs/)
  })
  it('fails instead with fallback "error"', async () => {
    const out = await runJudge(
      judgeYesProbReward,
      { fallback: 'error' },
      item,
      fakeJudge(() => 'Yes'),
    )
    expect(out).toMatchObject({ valid: false, reason: { code: 'reward_error' } })
  })
  it('needs an image to ask about', async () => {
    const judge = fakeJudge(() => 'Yes')
    const out = await runJudge(judgeYesProbReward, {}, { response: 'x' }, judge)
    expect(out.reason).toMatchObject({ code: 'missing_input', field: 'images' })
    expect(judge.calls).toHaveLength(0)
  })
})
