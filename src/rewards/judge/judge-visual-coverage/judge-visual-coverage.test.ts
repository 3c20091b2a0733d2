import { describe, expect, it } from 'vitest'
import { fakeJudge } from '../test-utils/fake-judge.js'
import { runJudge } from '../test-utils/run.js'
import { judgeVisualCoverageReward } from './reward.js'

const meta = { visual_key_info: ['AB = 5', 'angle C = 90°', 'D is the midpoint of BC'] }
const item = { response: '<think>…</think><answer>\\boxed{5}</answer>', meta, images: [{ path: 'g.png' }] }

describe('judge-visual-coverage (Perception-R1 R_vis)', () => {
  it('2 of 3 items covered → 2/(3 + 1e-6), as in rewards.md §5e', async () => {
    const judge = fakeJudge(() => '<info1>1</info1><info2>0</info2><info3>1</info3>')
    const out = await runJudge(judgeVisualCoverageReward, {}, item, judge)
    expect(out.score).toBeCloseTo(2 / (3 + 1e-6), 9)
    // the worked example: 0.9·acc + 0.1·fmt + 0.7·R_vis with acc = fmt = 1
    expect(0.9 + 0.1 + 0.7 * out.score).toBeCloseTo(1.467, 3)
    expect(judge.calls[0]?.text).toContain('<info2>angle C = 90°</info2>')
    expect(judge.calls[0]?.images).toBe(0) // a text-only judge, as the paper
  })
  it('clamps each verdict to [0, 1]', async () => {
    const out = await runJudge(
      judgeVisualCoverageReward,
      {},
      item,
      fakeJudge(() => '<info1>7</info1><info2>-1</info2><info3>1</info3>'),
    )
    expect(out.components?.covered).toBe(2)
  })
  it.each([
    ['fixed', 'missing_input', false],
    ['faithful', 'ok', true], // the reference scores 0 without key information
  ])('no key information (%s) → %s', async (mode, code, valid) => {
    const out = await runJudge(
      judgeVisualCoverageReward,
      { mode },
      { response: 'x' },
      fakeJudge(() => ''),
    )
    expect(out).toMatchObject({ score: 0, valid, reason: { code } })
  })
  it.each([
    ['fixed', 'reward_error', false],
    ['faithful', 'ok', true],
  ])('a judge failure (%s) → %s', async (mode, code, valid) => {
    const out = await runJudge(
      judgeVisualCoverageReward,
      { mode },
      item,
      fakeJudge(() => new Error('down')),
    )
    expect(out).toMatchObject({ score: 0, valid, reason: { code } })
  })
})
