/**
 * Every answer reward on random and adversarial outputs and references: never a `reward_error` (a throw), a score
 * inside the declared range, and a parse failure never paid.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RewardOutput } from '../../core/outcome.js'
import { runReward } from '../../core/run-reward.js'
import { answerPack } from './pack.js'

const PARTS = [
  '<think>',
  '</think>',
  '<answer>',
  '</answer>',
  '\\boxed{',
  '}',
  'A',
  'B',
  '(C)',
  'yes',
  'no',
  '42',
  '1,000',
  '25%',
  'twenty',
  'dog',
  'golden_retriever',
  ' or ',
  ', ',
  ' ',
  '\n',
  '<',
  '{',
  '"',
  '\u0000',
  '😀',
]
const response = fc.oneof(
  fc.array(fc.constantFrom(...PARTS), { maxLength: 30 }).map((p) => p.join('')),
  fc.string(),
)
const reference = fc.oneof(
  fc.constantFrom('A', 'B', 'yes', 'no', '42', 'dog', '25%', '', 'golden retriever'),
  fc.boolean(),
  fc.double(),
  fc.constant(undefined),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
)

describe('answer rewards under fuzzing', () => {
  it.each(answerPack.rewards.map((r) => [r.id, r] as const))('%s never throws and stays in range', async (_, def) => {
    const params = def.params.parse({})
    await fc.assert(
      fc.asyncProperty(response, reference, async (res, ref) => {
        const out: RewardOutput = await runReward(def, params, { response: res, reference: ref }, { services: {} })
        expect(out.reason.code).not.toBe('reward_error')
        expect(out.score).toBeGreaterThanOrEqual(def.range[0])
        expect(out.score).toBeLessThanOrEqual(def.range[1])
        if (!out.valid) expect(out.score).toBe(0)
      }),
      { numRuns: 3000 },
    )
  })
})

// Issue item 7: a 10 MB response scores in bounded time; a missing reference is invalid with a reason.
const REFERENCE: Record<string, unknown> = {
  classification: 'dog',
  'exact-match': 'dog',
  mcq: 'B',
  numeric: 42,
  'yes-no': true,
}
const HUGE = [
  `<think>${'x'.repeat(10_000_000)}</think><answer>B</answer>`,
  `<answer>${'<answer>1, '.repeat(1_000_000)}`,
  '{'.repeat(10_000_000),
]

describe('answer rewards on huge outputs and missing references', () => {
  it.each(answerPack.rewards.map((r) => [r.id, r] as const))('%s', async (id, def) => {
    const params = def.params.parse({})
    for (const res of HUGE) {
      const t = performance.now()
      const out = await runReward(def, params, { response: res, reference: REFERENCE[id] }, { services: {} })
      expect(out.reason.code).not.toBe('reward_error')
      expect(performance.now() - t).toBeLessThan(3000)
    }
    if (def.needs.reference) {
      const out = await runReward(def, params, { response: '<answer>B</answer>' }, { services: {} })
      expect(out).toMatchObject({ valid: false, reason: { code: 'missing_reference' } })
    }
  })
})
