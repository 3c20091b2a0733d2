import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fakeJudge } from '../test-utils/fake-judge.js'
import { runJudge } from '../test-utils/run.js'
import { JudgeScoreParams, judgeScoreReward } from './reward.js'

const item = { prompt: 'How many cats?', response: '<answer>2</answer>', reference: '2', images: [{ path: 'a.png' }] }

describe('judge-score', () => {
  it.each([
    ['{"result": 8, "steps": []}', [0, 10], 0.8, 8], // mapped to [0, 1]
    ['{"result": 14}', [0, 10], 1, 10], // clamped to the range, as score_model does
    ['{"result": -3}', [1, 5], 0, 1],
    ['{"result": 0.25}', [0, 1], 0.25, 0.25], // the default range
  ])('%s in %j → %d', async (text, range, score, raw) => {
    const out = await runJudge(
      judgeScoreReward,
      { range },
      item,
      fakeJudge(() => text),
    )
    expect(out.valid).toBe(true)
    expect(out.score).toBeCloseTo(score)
    expect(out.components?.raw).toBe(raw)
    expect(out.components?.tokens).toBe(10)
  })

  it('fills the template with the item and sends its images', async () => {
    const judge = fakeJudge(() => '{"result": 1}')
    await runJudge(
      judgeScoreReward,
      { prompt: 'Q={{prompt}} R={{response}} A={{answer}} M={{meta.k}}' },
      { ...item, meta: { k: 'v' } },
      judge,
    )
    expect(judge.calls[0]?.text).toBe('Q=How many cats? R=<answer>2</answer> A=2 M=v')
    expect(judge.calls[0]?.images).toBe(1)
    expect(judge.calls[0]?.options).toMatchObject({ temperature: 0, maxTokens: 512 })
  })

  it.each([
    ['no judge configured', undefined, /no judge configured/],
    ['the endpoint failing', fakeJudge(() => new Error('HTTP 503 after 4 attempts')), /judge failed: HTTP 503/],
    ['a refusal', fakeJudge(() => ({ refusal: 'I cannot help with that' })), /judge refused/],
    ['an unreadable reply', fakeJudge(() => 'It is pretty good'), /could not read/],
  ])('%s is an error, never a silent 0', async (_, judge, message) => {
    const out = await runJudge(judgeScoreReward, {}, item, judge)
    expect(out).toMatchObject({ valid: false, score: 0, reason: { code: 'reward_error' } })
    expect((out.reason as { message: string }).message).toMatch(message)
  })

  it('refuses to send an enormous response', async () => {
    const judge = fakeJudge(() => '{"result": 1}')
    const out = await runJudge(judgeScoreReward, { maxChars: 100 }, { ...item, response: 'x'.repeat(101) }, judge)
    expect(out.reason.code).toBe('too_large')
    expect(judge.calls).toHaveLength(0)
  })

  it('rejects bad params at compile time', () => {
    expect(JudgeScoreParams.safeParse({ prompt: 'Grade {{respnse}}' }).success).toBe(false) // a typo in a placeholder
    expect(JudgeScoreParams.safeParse({ range: [5, 1] }).success).toBe(false)
    expect(JudgeScoreParams.safeParse({ temperature: -1 }).success).toBe(false)
  })

  it('always lands in [0, 1] for any numeric result and range', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
        fc.integer({ min: -5, max: 5 }),
        async (r, lo) => {
          const out = await runJudge(
            judgeScoreReward,
            { range: [lo, lo + 10] },
            item,
            fakeJudge(() => JSON.stringify({ result: r })),
          )
          return out.valid && out.score >= 0 && out.score <= 1
        },
      ),
      { numRuns: 50 },
    )
  })
})
