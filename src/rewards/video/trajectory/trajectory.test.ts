import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scoreItem } from '../shared/testing.js'
import { trajectoryReward } from './reward.js'

// a car drives 100 px east in 2 s (fast, same size); a person stands still
const reference = {
  keyframes: [
    {
      t: 0,
      objects: [
        { name: 'car', box: [0, 0, 10, 10] },
        { name: 'person', box: [50, 50, 60, 80] },
      ],
    },
    {
      t: 2,
      objects: [
        { name: 'car', box: [100, 0, 110, 10] },
        { name: 'person', box: [50, 50, 60, 80] },
      ],
    },
  ],
}
const claim = (name: string, t: number, box = '[0,0,10,10]') => `<obj>${name}</obj><box>${box}</box> at <t>${t}</t>s `
const motion = (attrs: string) => `<motion ${attrs}/>`
const run = (think: string, ref: unknown = reference) =>
  scoreItem(trajectoryReward, {}, { response: `<think>${think}</think><answer>B</answer>`, reference: ref })

describe('trajectory', () => {
  it.each([
    [motion('obj="car" dir="E" speed="fast" scale="stable"'), 1], // all three right
    [motion('obj="car" dir="NE" speed="moderate" scale="approaching"'), 0.5], // each one step off: .4·.5 + .3·.5 + .3·.5
    [motion('obj="car" dir="W" speed="stationary" scale="receding"'), 0.15], // "stable" is one step from either end
    [motion('obj="car" dir="E"'), 0.55], // legacy tag: .4·dir + .15
    ['', 0], // matched on two frames but no motion tag: R_obj = 0
    [motion('obj="truck" dir="E" speed="fast" scale="stable"'), 0], // a tag for another object does not count
  ])('car claimed at 0.3 s and 2.5 s, %j → %d', (tag, score) => {
    const out = run(`${claim('car', 0.3)}${claim('car', 2.5, '[100,0,110,10]')}${tag}`)
    expect(out.valid).toBe(true)
    expect(out.score).toBeCloseTo(score, 12)
  })
  it('averages over objects matched on two keyframes', () => {
    const think =
      claim('car', 0) +
      claim('car', 2) +
      claim('person', 0, '[50,50,60,80]') +
      claim('person', 2, '[50,50,60,80]') +
      motion('obj="car" dir="E" speed="fast" scale="stable"') +
      motion('obj="person" dir="STAT" speed="stationary" scale="stable"')
    const out = run(think)
    expect(out.score).toBeCloseTo(1, 12)
    expect(out.components).toEqual({ dir: 1, speed: 1, scale: 1 })
  })
  it('gives .1 when claims match but no object spans two keyframes', () => {
    // two claims, both nearest to keyframe 0
    expect(run(claim('car', 0) + claim('car', 0.5)).score).toBeCloseTo(0.1, 12)
  })
  it.each([
    [claim('car', 0), 'one match only'],
    [claim('truck', 0) + claim('truck', 2), 'no object of that name'],
    [claim('car', 5) + claim('car', 6), 'more than 2 s from every keyframe'],
  ])('%j scores 0 (%s)', (think) => {
    expect(run(think)).toMatchObject({ score: 0, valid: true, reason: { code: 'wrong_answer' } })
  })
  it('names are normalised on both sides', () => {
    const think = claim('  CAR ', 0) + claim('Car', 2) + motion('obj="car" dir="E" speed="fast" scale="stable"')
    expect(run(think).score).toBeCloseTo(1, 12)
  })
  it.each([
    ['', 'no_answer'], // no claims
    [claim('car', 0).replace('[0,0,10,10]', '[0,0,10]'), 'no_answer'], // only malformed claims
  ])('%j → invalid %s', (think, code) => {
    expect(run(think)).toMatchObject({ valid: false, score: 0, reason: { code } })
  })
  it.each([
    [null, 'missing_reference'],
    [{ span: [0, 2] }, 'invalid_reference'], // no keyframes
  ])('reference %j → %s', (ref, code) => {
    expect(run(claim('car', 0), ref)).toMatchObject({ valid: false, reason: { code } })
  })
  it.each([
    // the car drives 100 px down-right at −30° (dy image +58): the sector is SE, the reference's int() says E
    ['fixed', 'SE', 1],
    ['fixed', 'E', 0.8], // adjacent bin: .4·.5 + .3 + .3
    ['faithful', 'E', 1],
    ['faithful', 'SE', 0.8],
  ] as const)('mode %s: a −30° drive claimed as %s scores %d', (mode, dir, want) => {
    const ref = {
      keyframes: [
        { t: 0, objects: [{ name: 'car', box: [0, 0, 10, 10] }] },
        { t: 2, objects: [{ name: 'car', box: [100, 57.735, 110, 67.735] }] },
      ],
    }
    const think = `${claim('car', 0)}${claim('car', 2, '[100,57.735,110,67.735]')}${motion(`obj="car" dir="${dir}" speed="fast" scale="stable"`)}`
    const out = scoreItem(
      trajectoryReward,
      { mode },
      { response: `<think>${think}</think><answer>B</answer>`, reference: ref },
    )
    expect(out.score).toBeCloseTo(want, 12)
  })
  it('defaults to mode fixed and refuses other modes at compile time', () => {
    expect(trajectoryReward.params.parse({})).toEqual({ mode: 'fixed' })
    expect(() => trajectoryReward.params.parse({ mode: 'python' })).toThrow()
  })
  it('stays in [0, 1] for any claims and tags', () => {
    const dir = fc.constantFrom('E', 'NE', 'N', 'NW', 'W', 'SW', 'S', 'SE', 'STAT')
    const speed = fc.constantFrom('stationary', 'slow', 'moderate', 'fast')
    const scale = fc.constantFrom('receding', 'stable', 'approaching')
    const c = fc.tuple(fc.constantFrom('car', 'person', 'dog'), fc.double({ min: -5, max: 10, noNaN: true }))
    fc.assert(
      fc.property(fc.array(c, { maxLength: 8 }), dir, speed, scale, (cs, d, s, sc) => {
        const think =
          cs.map(([n, t]) => claim(n, t)).join('') + motion(`obj="car" dir="${d}" speed="${s}" scale="${sc}"`)
        const out = run(think)
        return out.score >= 0 && out.score <= 1
      }),
    )
  })
})
