import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scoreItem } from '../shared/testing.js'
import { motionGroundingReward } from './reward.js'

const tag = (obj: string, dir: string, speed?: string, scale?: string) =>
  `<motion obj="${obj}" dir="${dir}"${speed ? ` speed="${speed}"` : ''}${scale ? ` scale="${scale}"` : ''}/>`
const think = (...tags: string[]) => `<think>${tags.join(' ')}</think><answer>B</answer>`
const run = (response: string, frozenResponse?: unknown) =>
  scoreItem(
    motionGroundingReward,
    {},
    { response, ...(frozenResponse === undefined ? {} : { meta: { frozenResponse } }) },
  )

describe('motion-grounding', () => {
  const real = think(tag('car', 'E', 'fast', 'approaching'))
  it.each([
    [think(), 1], // the object has no tag on the frozen video
    [think(tag('car', 'STAT', 'stationary', 'stable')), 0.5 + 0.3 + 0.2 * 0.5], // static claims: everything differs but scale is one step
    [real, 0], // the same claims on a frozen video: not grounded in motion
    [think(tag('car', 'NE', 'moderate', 'approaching')), 0.5 * 0.5 + 0.3 * 0.5], // neighbouring buckets: half the credit
    [think(tag('car', 'E')), 0.3 + 0.2], // a legacy frozen tag matches on direction only
  ])('frozen %j → %d', (frozen, score) => {
    expect(run(real, frozen).score).toBeCloseTo(score, 12)
  })
  it('averages over objects with full tags and skips legacy ones', () => {
    const response = think(tag('car', 'E', 'fast', 'stable'), tag('man', 'W', 'slow', 'stable'), tag('dog', 'N'))
    expect(run(response, think(tag('car', 'E', 'fast', 'stable'))).score).toBeCloseTo(0.5, 12)
  })
  it.each([
    [real, undefined, 'missing_input'],
    [real, 42, 'missing_input'],
    [think(tag('car', 'E')), think(), 'no_answer'], // only a legacy tag to judge
    [real, 'x'.repeat(1_000_001), 'too_large'],
  ])('%j with frozen %j → %s', (response, frozen, code) => {
    expect(run(response, frozen)).toMatchObject({ valid: false, score: 0, reason: { code } })
  })
  it('stays in [0, 1]', () => {
    const d = fc.constantFrom('E', 'NE', 'N', 'NW', 'W', 'SW', 'S', 'SE', 'STAT')
    const s = fc.constantFrom('stationary', 'slow', 'moderate', 'fast')
    const c = fc.constantFrom('receding', 'stable', 'approaching')
    fc.assert(
      fc.property(d, s, c, d, s, c, (d1, s1, c1, d2, s2, c2) => {
        const v = run(think(tag('a', d1, s1, c1)), think(tag('a', d2, s2, c2))).score
        return v >= 0 && v <= 1 && (v === 0) === (d1 === d2 && s1 === s2 && c1 === c2)
      }),
    )
  })
})
