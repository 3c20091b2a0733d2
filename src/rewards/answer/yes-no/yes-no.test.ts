import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runReward } from '../../../core/run-reward.js'
import { yesNoReward } from './reward.js'

const score = (response: string, reference: unknown, params = {}) =>
  runReward(yesNoReward, yesNoReward.params.parse(params), { response, reference }, { services: {} })

describe('yes-no', () => {
  it.each([
    ['<answer>Yes</answer>', true, 1],
    ['<answer>yes, there is a dog</answer>', 'yes', 1],
    ['<answer>There is not a dog.</answer>', 'no', 1], // POPE: "not" reads as no
    ['<answer>No</answer>', 'Yes', 0],
    ['<answer>True</answer>', false, 0],
  ])('%j vs %j → %d', async (response, reference, expected) => {
    expect((await score(response, reference)).score).toBe(expected)
  })

  it('a hedge never scores', async () => {
    expect(await score('<answer>yes or no</answer>', 'yes')).toMatchObject({
      score: 0,
      valid: true,
      reason: { code: 'suspected_hack' },
    })
  })

  it('invalid: no answer, neither word, missing or bad reference', async () => {
    expect(await score('yes', 'yes')).toMatchObject({ valid: false, reason: { code: 'no_answer' } })
    expect(await score('<answer>maybe</answer>', 'yes')).toMatchObject({
      valid: false,
      reason: { code: 'unparseable_answer' },
    })
    expect(await score('<answer>yes</answer>', undefined)).toMatchObject({
      valid: false,
      reason: { code: 'missing_reference' },
    })
    expect(await score('<answer>yes</answer>', 'perhaps')).toMatchObject({
      valid: false,
      reason: { code: 'invalid_reference' },
    })
  })

  it('scores in [0, 1] on any output and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.boolean(), async (s, ref) => {
        const out = await score(s, ref, { answerFrom: 'whole' })
        expect(out.score === 0 || out.score === 1).toBe(true)
        expect(out.reason.code).not.toBe('reward_error')
      }),
    )
  })
})
