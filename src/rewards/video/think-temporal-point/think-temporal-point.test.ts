import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scoreItem } from '../shared/testing.js'
import { thinkTemporalPointReward } from './reward.js'
import { temporalSigma } from './think-temporal-point.js'

const reference = {
  keyframes: [
    { t: 1, objects: [] },
    { t: 10, objects: [] },
  ],
}
const claim = (t: number) => `<obj>a</obj><box>[0,0,1,1]</box> at <t>${t}</t>s`
const run = (
  think: string,
  item: { meta?: Record<string, unknown>; step?: number } = { meta: { progress: 0 } },
  params = {},
) => scoreItem(thinkTemporalPointReward, params, { response: `<think>${think}</think>`, reference, ...item })

describe('think-temporal-point', () => {
  it.each([
    [claim(1), 0, 1], // on a keyframe
    [claim(3), 0, Math.exp(-4 / 32)], // Δ 2, σ 4 at the start of training
    [claim(3), 0.5, Math.exp(-4 / 8)], // σ = 4(1 − .5) = 2
    [claim(3), 0.9, Math.exp(-2)], // σ = 1 once p ≥ .75
    [claim(1) + claim(3), 0, (1 + Math.exp(-4 / 32)) / 2], // the mean over claims
    [claim(5.5), 0, Math.exp(-(4.5 ** 2) / 32)], // a tie: both keyframes 4.5 s away
  ])('%j at progress %d → %d', (think, progress, score) => {
    expect(run(think, { meta: { progress } }).score).toBeCloseTo(score, 12)
  })
  it('reads progress from step / totalSteps when meta.progress is absent', () => {
    expect(run(claim(3), { step: 50 }, { totalSteps: 100 }).score).toBeCloseTo(Math.exp(-4 / 8), 12)
  })
  it('says so when the training progress is unknown', () => {
    expect(run(claim(3), {})).toMatchObject({ valid: false, reason: { code: 'missing_input', field: 'meta.progress' } })
  })
  it('σ shrinks as training goes on, and is continuous at .75', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) =>
        a <= b ? temporalSigma(a) >= temporalSigma(b) : temporalSigma(a) <= temporalSigma(b),
      ),
    )
    expect(temporalSigma(0.75 - 1e-12)).toBeCloseTo(temporalSigma(0.75), 9)
  })
  it('is in [0, 1] and 1 only on keyframes', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (t, p) => {
          const v = run(claim(Number(t.toFixed(3))), { meta: { progress: p } }).score
          return v >= 0 && v <= 1
        },
      ),
    )
  })
  it('no claims → invalid no_answer', () => {
    expect(run('I watched it.')).toMatchObject({ valid: false, reason: { code: 'no_answer' } })
  })
})
