import { describe, expect, it } from 'vitest'
import { scoreItem } from '../shared/testing.js'
import { thinkTemporalSegmentReward } from './reward.js'

const claim = (t: number) => `<obj>a</obj><box>[0,0,1,1]</box> at <t>${t}</t>s`
const run = (think: string, reference: unknown = { span: [2, 5] }) =>
  scoreItem(thinkTemporalSegmentReward, {}, { response: `<think>${think}</think>`, reference })

describe('think-temporal-segment', () => {
  it.each([
    [claim(3), 1],
    [claim(2) + claim(5), 1], // the ends count as inside
    [claim(3) + claim(9), 0.5],
    [claim(1.99), 0],
  ])('%j → %d', (think, score) => {
    expect(run(think).score).toBe(score)
  })
  it('needs a span in the reference', () => {
    expect(run(claim(3), { keyframes: [] })).toMatchObject({ valid: false, reason: { code: 'invalid_reference' } })
  })
  it('no claims → invalid', () => {
    expect(run('from 2 to 5')).toMatchObject({ valid: false, score: 0, reason: { code: 'no_answer' } })
  })
})
