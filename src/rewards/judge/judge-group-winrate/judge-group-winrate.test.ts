import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FakeCall } from '../test-utils/fake-judge.js'
import { fakeJudge } from '../test-utils/fake-judge.js'
import { runJudgeGroup } from '../test-utils/run.js'
import { judgeGroupWinrateReward } from './reward.js'
import { pairsOf, winRates } from './win-rates.js'

/** Which candidate (by its text "r0".."r3") is shown first and second in a pairwise prompt. */
const shown = (call: FakeCall) => {
  const m = /\[Response 1\]\n(r\d)[\s\S]*\[Response 2\]\n(r\d)/.exec(call.text)
  return [Number(m?.[1]?.slice(1)), Number(m?.[2]?.slice(1))] as const
}

/** rewards.md §8e: outcomes 0>1, 2>0, 0>3, 1~2, 1>3, 2>3 (the winner of each pair by index; -1 a tie). */
const WINNER: Record<string, number> = { '0,1': 0, '0,2': 2, '0,3': 0, '1,2': -1, '1,3': 1, '2,3': 2 }
const verdict = (a: number, b: number) => {
  const w = WINNER[[Math.min(a, b), Math.max(a, b)].join(',')]
  return w === -1 ? '<answer>Both are fine</answer>' : `<answer>Response ${w === a ? 1 : 2} is better</answer>`
}
const consistent = fakeJudge((c) => verdict(...shown(c)))
const responses = ['r0', 'r1', 'r2', 'r3']

describe('winRates', () => {
  it('matches the worked example of rewards.md §8e', () => {
    expect(winRates(4, [1, 0, 1, 0.5, 1, 1])).toEqual([0.667, 0.5, 0.833, 0])
  })
  it.each([
    // G = 9: item 0 ties item 1 and loses the rest → .5/8 = .0625, an exact half: Python's round gives .062
    [9, 0.062, (i: number, j: number) => (i === 0 ? (j === 1 ? 0.5 : 0) : 0.5)],
    // G = 9: 1.5/8 = .1875, the other exact half, rounds up to the even .188
    [9, 0.188, (i: number, j: number) => (i === 0 ? (j <= 3 ? 0.5 : 0) : 0.5)],
    // G = 4: two wins of three, 2/3 is no half
    [4, 0.667, (i: number, j: number) => (i === 0 ? (j <= 2 ? 1 : 0) : 0.5)],
  ])('rounds as Python round(x, 3): G = %d → win_0 = %d', (g, want, point) => {
    const points: number[] = []
    for (const [i, j] of pairsOf(g)) points.push(point(i, j))
    expect(winRates(g, points)[0]).toBe(want)
  })
  it('sums to G/2 (every pair hands out one point) up to rounding', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 9 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(fc.constantFrom(0, 0.5, 1), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }),
            ),
          ),
        ([n, pts]) => {
          const sum = winRates(n, pts).reduce((a, b) => a + b, 0) * (n - 1)
          return Math.abs(sum - (n * (n - 1)) / 2) < 0.001 * n * n
        },
      ),
    )
    expect(pairsOf(4)).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
    ])
  })
})

describe('judge-group-winrate', () => {
  it('reproduces Pref-GRPO with one order: C(G,2) calls, i shown first', async () => {
    const judge = fakeJudge((c) => verdict(...shown(c)))
    const outs = await runJudgeGroup(judgeGroupWinrateReward, { orders: 'one' }, responses, judge)
    expect(outs.map((o) => o.score)).toEqual([0.667, 0.5, 0.833, 0])
    expect(judge.calls.map(shown)).toEqual(pairsOf(4))
  })

  it('gives the same rates with both orders when the judge is position-consistent', async () => {
    const outs = await runJudgeGroup(judgeGroupWinrateReward, {}, responses, consistent)
    expect(outs.map((o) => o.score)).toEqual([0.667, 0.5, 0.833, 0])
    expect(outs[0]?.components?.consistency).toBe(5 / 6) // the tie counts as agreeing only when read: here it is unreadable
  })

  it.each([
    ['Image 1 is better'], // the audit's case: a verdict in prose, no <answer>
    ['Response 1 is better, clearly.'],
    ['{"better_response": "A"}'],
    ['Response 1 is better. <answer>Both are fine</answer>'], // prose outside the block does not count
  ])('counts a reply with no verdict in <answer> as a tie (+.5 each): %j', async (text) => {
    const judge = fakeJudge(() => text)
    for (const orders of ['one', 'both']) {
      const outs = await runJudgeGroup(judgeGroupWinrateReward, { orders }, responses, judge)
      expect(outs.map((o) => o.score)).toEqual([0.5, 0.5, 0.5, 0.5])
      expect(outs[0]?.components?.unreadable).toBe(orders === 'one' ? 6 : 12)
    }
  })
  it('cancels a judge that always prefers the first response', async () => {
    const biased = fakeJudge(() => '<answer>Response 1 is better</answer>')
    const one = await runJudgeGroup(judgeGroupWinrateReward, { orders: 'one' }, responses, biased)
    expect(one.map((o) => o.score)).toEqual([1, 0.667, 0.333, 0]) // the reference's bias: earlier rollouts win
    const both = await runJudgeGroup(judgeGroupWinrateReward, {}, responses, biased)
    expect(both.map((o) => o.score)).toEqual([0.5, 0.5, 0.5, 0.5])
    expect(both[0]?.components?.consistency).toBe(0)
  })

  it('fails the whole group when a call fails (no partial win rates)', async () => {
    const flaky = fakeJudge((_, n) => (n === 3 ? new Error('HTTP 500') : '<answer>Response 1 is better</answer>'))
    const outs = await runJudgeGroup(judgeGroupWinrateReward, {}, responses, flaky)
    for (const o of outs) expect(o).toMatchObject({ valid: false, reason: { code: 'reward_error' } })
  })

  it('needs a group of two or more, and bounds it', async () => {
    const [alone] = await runJudgeGroup(judgeGroupWinrateReward, {}, ['r0'], consistent)
    expect(alone?.reason).toMatchObject({ code: 'missing_input', field: 'group' })
    const big = await runJudgeGroup(judgeGroupWinrateReward, { maxGroup: 3 }, responses, consistent)
    expect(big[0]?.reason.code).toBe('too_large')
  })
})
