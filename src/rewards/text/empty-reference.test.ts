import { describe, expect, it } from 'vitest'
import { runReward } from '../../core/run-reward.js'
import { textPack } from './pack.js'

/** Params that make a reward compare with `item.reference` (cosine-length does only when told to). */
const params: Record<string, unknown> = { 'cosine-length': { correctness: 'exact-match' } }
/** The text rewards that compare with `item.reference`. */
const rewards = textPack.rewards.filter((r) => r.needs.reference || r.id in params)

describe('text rewards against an empty reference', () => {
  it('covers every reference-based text reward', () => {
    expect(rewards.map((r) => r.id).sort()).toMatchInlineSnapshot(`
      [
        "anls",
        "bleu",
        "cer",
        "cosine-length",
        "levenshtein-ratio",
        "rouge",
        "satori-caption",
        "token-f1",
        "vqa-accuracy",
        "wer",
      ]
    `)
  })

  it.each(rewards.flatMap((r) => ['', '  \n', [''], ['', ' ']].map((reference) => [r.id, reference] as const)))(
    '%s: %j is invalid_reference, never a score',
    async (id, reference) => {
      const def = rewards.find((r) => r.id === id) as (typeof rewards)[number]
      const response = id === 'satori-caption' ? '<caption>x</caption>' : 'x'
      const out = await runReward(
        def,
        def.params.parse(params[id] ?? {}) as never,
        { response, reference },
        { services: {} },
      )
      expect(out).toMatchObject({ score: 0, valid: false, reason: { code: 'invalid_reference' } })
    },
  )

  it.each(rewards.filter((r) => r.id !== 'satori-caption').map((r) => r.id))(
    '%s: a blank entry beside a real reference is kept (the real one still scores)',
    async (id) => {
      const def = rewards.find((r) => r.id === id) as (typeof rewards)[number]
      const out = await runReward(
        def,
        def.params.parse(params[id] ?? {}) as never,
        { response: 'a cat', reference: ['', 'a cat'] },
        { services: {} },
      )
      expect(out.valid).toBe(id !== 'bleu') // BLEU's brevity uses the shortest reference: a blank one is invalid
    },
  )
})
