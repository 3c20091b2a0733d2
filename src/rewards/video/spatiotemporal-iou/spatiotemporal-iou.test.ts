import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scoreItem } from '../shared/testing.js'
import { spatiotemporalIouReward } from './reward.js'

// the target sits at the left for two seconds, then at the right
const reference = {
  span: [0, 4],
  name: 'man',
  boxes: { '0': [0, 0, 10, 10], '1': [0, 0, 10, 10], '2': [10, 0, 20, 10], '3': [10, 0, 20, 10] },
}
const answer = (span: string, ...claims: [number, string][]) =>
  `<think>…</think><answer>${span} ${claims.map(([t, b]) => `<obj>man</obj><box>${b}</box> at <t>${t}</t>s`).join(' ')}</answer>`
const run = (response: string, ref: unknown = reference) =>
  scoreItem(spatiotemporalIouReward, {}, { response, reference: ref })

describe('spatiotemporal-iou', () => {
  it.each([
    // each ground-truth frame takes the box claimed nearest in time
    [answer('<t>0</t>s to <t>4</t>s', [0, '[0,0,10,10]'], [2.5, '[10,0,20,10]']), 1, 1],
    // tIoU .5, and the two frames inside the predicted span are boxed right
    [answer('<t>2</t>s to <t>4</t>s', [2, '[10,0,20,10]']), 0.5, 1],
    // right span, one box held for all four frames: right on two of them
    [answer('<t>0</t>s to <t>4</t>s', [0, '[0,0,10,10]']), 1, 0.5],
    // half-overlapping boxes everywhere: IoU 1/3
    [answer('<t>0</t>s to <t>4</t>s', [0, '[5,0,15,10]']), 1, 1 / 3],
  ])('%j → tIoU %d × spatial %d', (response, tiou, spatial) => {
    const out = run(response)
    expect(out.components?.tiou).toBeCloseTo(tiou, 12)
    expect(out.components?.spatial).toBeCloseTo(spatial, 12)
    expect(out.score).toBeCloseTo(tiou * spatial, 12)
  })
  it('picks the named target among keyframe objects', () => {
    const ref = {
      span: [0, 2],
      name: 'dog',
      keyframes: [
        {
          t: 1,
          objects: [
            { name: 'man', box: [0, 0, 10, 10] },
            { name: 'dog', box: [50, 50, 60, 60] },
          ],
        },
      ],
    }
    expect(run(answer('<t>0</t>s to <t>2</t>s', [1, '[50,50,60,60]']), ref).score).toBe(1)
  })
  it('a whole-video span scores below an honest near miss', () => {
    const whole = run(answer('<t>0</t>s to <t>120</t>s', [0, '[0,0,10,10]'], [2, '[10,0,20,10]']))
    const near = run(answer('<t>0.5</t>s to <t>4.5</t>s', [0, '[0,0,10,10]'], [2, '[10,0,20,10]']))
    expect(whole.score).toBeCloseTo(4 / 120, 12)
    expect(whole.score).toBeLessThan(near.score)
  })
  it.each([
    ['<answer>from 0 to 4</answer>', 'unparseable_answer'], // no tagged span
    [answer('<t>4</t>s to <t>0</t>s', [0, '[0,0,10,10]']), 'unparseable_answer'], // reversed
    [answer('<t>0</t>s to <t>4</t>s'), 'no_answer'], // a span but no boxes
    ['', 'unparseable_answer'],
  ])('%j → invalid %s', (response, code) => {
    expect(run(response)).toMatchObject({ valid: false, score: 0, reason: { code } })
  })
  it('keeps the tIoU component when the boxes are missing', () => {
    expect(run(answer('<t>0</t>s to <t>4</t>s')).components).toEqual({ tiou: 1, spatial: 0 })
  })
  it.each([
    [{ boxes: { '0': [0, 0, 1, 1] } }, 'invalid_reference'], // no span
    [{ span: [0, 4] }, 'invalid_reference'], // no boxes
    [[0, 4], 'invalid_reference'],
  ])('reference %j → %s', (ref, code) => {
    expect(run(answer('<t>0</t>s to <t>4</t>s', [0, '[0,0,10,10]']), ref)).toMatchObject({
      valid: false,
      reason: { code },
    })
  })
  it('is in [0, 1] and at most the tIoU', () => {
    const num = fc.integer({ min: 0, max: 8 })
    fc.assert(
      fc.property(num, num, num, num, num, (s, e, t, x, y) => {
        const out = run(answer(`<t>${s}</t>s to <t>${e}</t>s`, [t, `[${x},${y},${x + 10},${y + 10}]`]))
        return out.score >= 0 && out.score <= 1 && out.score <= (out.components?.tiou ?? 0) + 1e-12
      }),
    )
  })
  it('scores a 10 MB output in bounded time', () => {
    const t = performance.now()
    const out = run(`<answer><t>0</t>s to <t>4</t>s ${'<box>[0,0,10,10]</box> '.repeat(400_000)}</answer>`)
    expect(out).toMatchObject({ valid: false, reason: { code: 'too_large' } })
    expect(performance.now() - t).toBeLessThan(5000)
  })
})
