import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scoreItem } from '../shared/testing.js'
import { motionFormatReward } from './reward.js'

const claim = '<obj>car</obj><box>[0,0,10,10]</box> at <t>1.5</t>s'
const tag = '<motion obj="car" dir="E" speed="fast" scale="stable"/>'
const run = (response: string, requireMotion = false) => scoreItem(motionFormatReward, { requireMotion }, { response })

describe('motion-format', () => {
  it.each([
    [`<think>${claim}</think><answer>B</answer>`, false, 1],
    [`<think>The car leaves.</think><answer>B</answer>`, false, 0.5], // no spatio-temporal claim
    [`<think>${claim} <box></think><answer>B</answer>`, false, 0.5], // an unclosed <box>
    [`<think>${claim}</think>B`, false, 0], // no answer
    [`${claim}<answer>B</answer>`, false, 0], // no think
    [`<think>${claim}</think><answer>B</answer>`, true, 0.5], // a motion task needs a motion tag
    [`<think>${claim}${tag}</think><answer>B</answer>`, true, 1],
    [`<think>${claim}<motion obj="car" dir="E"/></think><answer>B</answer>`, true, 0.5], // a legacy tag is not enough
  ])('%j (requireMotion %s) → %d', (response, requireMotion, score) => {
    expect(run(response, requireMotion).score).toBe(score)
  })
  it('says what was missing', () => {
    expect(run('<think>x</think><answer>y</answer>').reason).toMatchObject({
      code: 'format_mismatch',
      variant: 'motion-o',
    })
  })
  it('only ever gives 0, .5 or 1', () => {
    const unit = fc.constantFrom('<think>', '</think>', '<answer>', '</answer>', claim, tag, '<box>', ' x ')
    fc.assert(fc.property(fc.string({ unit }), (s) => [0, 0.5, 1].includes(run(s).score)))
  })
  it('scores a 10 MB output in bounded time', () => {
    const t = performance.now()
    run(`<think>${claim.repeat(200_000)}</think><answer>${'x'.repeat(1_000_000)}</answer>`)
    expect(performance.now() - t).toBeLessThan(5000)
  })
})
