import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineReward } from './define-reward.js'
import { DuplicateRewardError, RewardDefinitionError, UnknownRewardError } from './errors.js'
import { scored } from './outcome.js'
import { formatReason } from './reason.js'
import { createRegistry } from './registry.js'
import { runReward } from './run-reward.js'

const constant = (id: string, value = 1) =>
  defineReward({
    id,
    version: 1,
    summary: 'constant',
    source: 'test',
    params: z.object({ value: z.number().default(value) }),
    needs: {},
    range: [0, 1],
    components: () => ['part'],
    score: ({ params }) => scored(params.value),
  })

describe('createRegistry', () => {
  it('derives sorted ids and metadata from packs', () => {
    const reg = createRegistry([
      { name: 'a', rewards: [constant('zeta')] },
      { name: 'b', rewards: [constant('alpha')] },
    ])
    expect(reg.ids).toEqual(['alpha', 'zeta'])
    expect(reg.packOf('zeta')).toBe('a')
    const meta = reg.list().find((m) => m.id === 'alpha')
    expect(meta).toMatchObject({ version: 1, pack: 'b', components: ['part'], range: [0, 1] })
    expect(meta?.params).toMatchObject({ type: 'object', properties: { value: { type: 'number', default: 1 } } })
  })

  it('rejects a duplicate id, naming both packs', () => {
    expect(() =>
      createRegistry([
        { name: 'text', rewards: [constant('x')] },
        { name: 'geometry', rewards: [constant('x')] },
      ]),
    ).toThrowError(new DuplicateRewardError('x', 'text', 'geometry'))
  })

  it('names the known ids when asked for an unknown one', () => {
    const reg = createRegistry([{ name: 'a', rewards: [constant('b-one'), constant('a-two')] }])
    expect(() => reg.get('nope')).toThrowError(UnknownRewardError)
    expect(() => reg.get('nope')).toThrowError('unknown reward "nope"; known: a-two, b-one')
  })
})

describe('defineReward', () => {
  it.each([
    ['Box_IoU', 'id must be kebab-case'],
    ['box--iou', 'id must be kebab-case'],
  ])('rejects id %s', (id, message) => {
    expect(() => constant(id)).toThrowError(RewardDefinitionError)
    expect(() => constant(id)).toThrowError(message)
  })
  it('rejects a version below 1', () => {
    expect(() => defineReward({ ...constant('ok-id'), version: 0 })).toThrowError('version must be a positive integer')
  })
})

describe('runReward', () => {
  const ctx = { services: {} }
  it('turns a throwing reward into an invalid output with a reason', () => {
    const boom = defineReward({
      ...constant('boom'),
      score: () => {
        throw new Error('bug')
      },
    })
    expect(runReward(boom, {}, { response: 'x' }, ctx)).toEqual({
      score: 0,
      valid: false,
      reason: { code: 'reward_error', message: 'bug' },
    })
  })
  it('turns a NaN score into an invalid output', () => {
    const nan = constant('nan', Number.NaN)
    const out = runReward(nan, { value: Number.NaN }, { response: 'x' }, ctx)
    expect(out).toMatchObject({ valid: false, reason: { code: 'reward_error', message: 'score is NaN' } })
  })
  it('catches a rejected promise', async () => {
    const slow = defineReward({ ...constant('slow'), score: async () => Promise.reject(new Error('down')) })
    await expect(runReward(slow, {}, { response: 'x' }, ctx)).resolves.toMatchObject({ valid: false })
  })
})

describe('formatReason', () => {
  it.each([
    [{ code: 'ok' } as const, 'ok'],
    [{ code: 'no_answer', expected: '<answer>…</answer>' } as const, 'no answer found: expected <answer>…</answer>'],
    [{ code: 'gated', by: 'format < 1' } as const, 'not applied (format < 1)'],
  ])('renders %j', (reason, text) => {
    expect(formatReason(reason)).toBe(text)
  })
})
