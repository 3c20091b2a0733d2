import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runReward } from '../../../core/run-reward.js'
import { charErrorRate } from './cer.js'
import { cerReward } from './reward.js'

const score = (response: string, reference: unknown, params = {}) =>
  runReward(cerReward, cerReward.params.parse(params), { response, reference }, { services: {} })

describe('cer', () => {
  it.each([
    ['helo', 'hello', 0.2], // one deletion over 5 characters
    ['北京市', '北京', 0.5], // scripts without spaces are why CER exists
    ['😀😀', '😀', 1], // code points, not UTF-16 units
  ])('CER(%j, %j) = %d', (p, r, v) => expect(charErrorRate(p, r)).toBeCloseTo(v, 12))

  it('scores clip(1 − CER) with whitespace runs collapsed', async () => {
    expect(await score('<answer>hello   world</answer>', 'hello world')).toMatchObject({
      score: 1,
      components: { cer: 0 },
    })
    expect((await score('<answer>abcdefgh</answer>', 'x')).score).toBe(0)
  })

  it('stays in [0, 1]', () => {
    fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 30 }), fc.string({ maxLength: 30 }), async (p, r) => {
        const out = await score(p, r)
        return out.score >= 0 && out.score <= 1
      }),
    )
  })
})
