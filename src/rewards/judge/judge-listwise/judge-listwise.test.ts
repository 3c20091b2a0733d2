import { describe, expect, it } from 'vitest'
import { fakeJudge } from '../test-utils/fake-judge.js'
import { runJudgeGroup } from '../test-utils/run.js'
import { parseRanking, rankScores } from './ranking.js'
import { judgeListwiseReward } from './reward.js'

describe('parseRanking', () => {
  it.each([
    ['<answer>[2, 3, 1]</answer>', 3, [1, 2, 0]],
    ['thinking...\n2 > 1 > 3', 3, [1, 0, 2]],
    ['[2, 2, 1]', 3, undefined], // a repeat is not a ranking
    ['[1, 2]', 3, undefined], // incomplete
    ['[1, 2, 4]', 3, undefined], // out of range
  ])('%j (n=%d) → %j', (text, n, want) => {
    expect(parseRanking(text, n)).toEqual(want)
  })
  it('scores best 1 to worst 0', () => {
    expect(rankScores([2, 0, 1])).toEqual([0.5, 0, 1])
  })
})

describe('judge-listwise', () => {
  /** ranks by the number in the text ("c2" best), wherever it is shown */
  const byQuality = fakeJudge((c) => {
    const shown = [...c.text.matchAll(/\[Response (\d)\]\nc(\d)/g)].map((m) => ({ pos: Number(m[1]), q: Number(m[2]) }))
    return `<answer>${JSON.stringify(shown.sort((a, b) => b.q - a.q).map((s) => s.pos))}</answer>`
  })
  it('ranks the group in both orders and averages', async () => {
    const outs = await runJudgeGroup(judgeListwiseReward, {}, ['c1', 'c3', 'c2'], byQuality)
    expect(outs.map((o) => o.score)).toEqual([0, 1, 0.5])
    expect(outs.map((o) => o.components?.rank)).toEqual([2, 0, 1])
  })
  it('cancels a judge that always ranks in shown order', async () => {
    const lazy = fakeJudge(() => '[1, 2, 3]')
    const outs = await runJudgeGroup(judgeListwiseReward, {}, ['a', 'b', 'c'], lazy)
    expect(outs.map((o) => o.score)).toEqual([0.5, 0.5, 0.5])
  })
  it('fails the group on a reply that is not a permutation', async () => {
    const outs = await runJudgeGroup(
      judgeListwiseReward,
      {},
      ['a', 'b'],
      fakeJudge(() => '[1, 1]'),
    )
    for (const o of outs) expect(o.reason.code).toBe('reward_error')
  })
})
