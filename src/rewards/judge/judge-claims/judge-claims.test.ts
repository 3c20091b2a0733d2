import { describe, expect, it } from 'vitest'
import { fakeJudge } from '../test-utils/fake-judge.js'
import { runJudge } from '../test-utils/run.js'
import { judgeClaimsReward } from './reward.js'
import { aggregateSteps, splitSteps } from './steps.js'

const response = '<think>There are two cats.\nOne is black.\nThe sofa is red.\nSo 2.</think><answer>2</answer>'
const item = { prompt: 'How many cats?', response, images: [{ path: 'cats.png' }] }
const marks = (v: number[]) => fakeJudge(() => v.map((x, k) => `<step${k + 1}>${x}</step${k + 1}>`).join('\n'))

describe('splitSteps / aggregateSteps', () => {
  it('splits the <think> block into lines or sentences, capped', () => {
    expect(splitSteps(response, 'lines', 8).steps).toHaveLength(4)
    expect(splitSteps('A cat. A dog! Why? ok', 'sentences', 8).steps).toEqual(['A cat.', 'A dog!', 'Why?', 'ok'])
    expect(splitSteps(response, 'lines', 3)).toMatchObject({ dropped: 1 })
  })
  it.each([
    ['mean', 0.75],
    ['min', 0],
    ['prefix', 0.5], // steps before the first wrong one
  ] as const)('%s of 1 1 0 1 → %d', (how, want) => {
    expect(aggregateSteps([1, 1, 0, 1], how)).toBe(want)
  })
})

describe('judge-claims', () => {
  it('numbers the steps for the judge and folds its verdicts', async () => {
    const judge = marks([1, 1, 0, 1])
    const out = await runJudge(judgeClaimsReward, {}, item, judge)
    expect(out).toMatchObject({ score: 0.75, valid: true, components: { steps: 4, verified: 3 } })
    expect(judge.calls[0]?.text).toContain('1. There are two cats.\n2. One is black.')
    expect(judge.calls[0]?.images).toBe(1)
  })
  it('counts a skipped verdict as unverified, with a note', async () => {
    const out = await runJudge(judgeClaimsReward, {}, item, marks([1, 1]))
    expect(out.score).toBe(0.5)
    expect((out.reason as { note?: string }).note).toMatch(/2 step\(s\) without a verdict/)
  })
  it('a reply with no verdict is an error; an empty response is not judged', async () => {
    expect(
      (
        await runJudge(
          judgeClaimsReward,
          {},
          item,
          fakeJudge(() => 'all good'),
        )
      ).reason.code,
    ).toBe('reward_error')
    expect((await runJudge(judgeClaimsReward, {}, { response: '  \n ' }, marks([1]))).reason.code).toBe('empty_answer')
  })
})
