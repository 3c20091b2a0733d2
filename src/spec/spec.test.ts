import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createRegistry, defineReward, invalid, type ScoreItem, scored } from '../core/index.js'
import { compileSpec, parseSpec, parseSpecText, scoreBatch, scoreItem, specJsonSchema } from './index.js'

/** Test rewards: `echo` scores Number(response) (invalid when it is not a number); the rest are obvious. */
const base = {
  version: 1,
  summary: 'a test reward',
  source: 'test',
  params: z.object({ scale: z.number().default(1).describe('a multiplier') }),
  needs: {},
  range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY] as const,
}
const echo = defineReward({
  ...base,
  id: 'echo',
  components: () => ['raw'],
  score: ({ response, params }) => {
    const n = Number(response)
    return Number.isFinite(n)
      ? scored(n * params.scale, undefined, { raw: n })
      : invalid({ code: 'unparseable_answer', side: 'response', expected: 'a number', text: response })
  },
})
const one = defineReward({ ...base, id: 'one', score: () => scored(1) })
const boom = defineReward({
  ...base,
  id: 'boom',
  score: () => {
    throw new Error('bug')
  },
})
const later = defineReward({
  ...base,
  id: 'later',
  async: true,
  score: async ({ response }) => scored(Number(response) / 2),
})
const registry = createRegistry([{ name: 'test', rewards: [echo, one, boom, later] }])
const compile = (doc: unknown) => compileSpec(parseSpec(doc), registry)
const score = (doc: unknown, item: ScoreItem) => scoreItem(compile(doc), item, 0)

describe('composition', () => {
  it.each([
    // the smallest spec: one reward with its defaults
    [{ reward: 'echo' }, '0.5', 0.5],
    ['echo', '0.5', 0.5],
    [{ reward: 'echo', params: { scale: 4 } }, '0.5', 2],
    // weights apply inside sum
    [
      {
        sum: [
          { reward: 'echo', weight: 0.9 },
          { reward: 'one', weight: 0.1 },
        ],
      },
      '1',
      1,
    ],
    [{ sum: [{ reward: 'echo', weight: 2 }, 'one'] }, '0.25', 1.5],
    // mean divides by the sum of weights
    [{ mean: [{ reward: 'echo', weight: 3 }, 'one'] }, '0', 0.25],
    [{ product: ['echo', { reward: 'echo', name: 'again' }] }, '0.5', 0.25],
    [{ min: ['echo', 'one'] }, '3', 1],
    [{ max: ['echo', 'one'] }, '-3', 1],
    [{ clamp: 'echo', lo: 0, hi: 1 }, '7', 1],
    [{ clamp: 'echo', lo: 0 }, '-7', 0],
  ])('%j on %s → %d', (doc, response, expected) => {
    expect(score(doc, { response })).toMatchObject({ score: expected, valid: true })
  })

  it('gates: accuracy counts only when the format passes', () => {
    const doc = { gate: { when: { reward: 'echo', name: 'format' }, then: 'one' } }
    expect(score(doc, { response: '1' })).toMatchObject({ score: 1, components: { format: 1, one: 1 } })
    // closed: `then` is not evaluated and its component stays 0
    expect(score(doc, { response: '0.5' })).toMatchObject({ score: 0, components: { format: 0.5, one: 0 } })
    const open = { gate: { when: 'echo', atLeast: 0.5, then: 'one', otherwise: -1 } }
    expect(score(open, { response: '0.4' })).toMatchObject({ score: -1 })
  })

  it('writes every component key for every item, with sub-scores under the reward key', () => {
    const doc = { sum: ['echo', { reward: 'one', name: 'bonus' }], name: 'total' }
    const result = score(doc, { response: '0.5', id: 'a' })
    expect(result).toEqual({
      id: 'a',
      score: 1.5,
      valid: true,
      components: { echo: 0.5, 'echo.raw': 0.5, bonus: 1, total: 1.5 },
    })
  })
})

describe('routing', () => {
  const doc = {
    route: {
      cases: { refcoco: { sum: ['echo', 'one'] }, chartqa: 'one' },
      default: { reward: 'echo', name: 'fallback' },
    },
  }
  it('routes by task, shares keys across cases, fills 0 where a component did not apply', () => {
    const spec = compile(doc)
    expect(spec.componentKeys).toEqual(['echo', 'echo.raw', 'one', 'fallback', 'fallback.raw'])
    expect(scoreItem(spec, { task: 'refcoco', response: '0.5' }, 0)).toMatchObject({
      score: 1.5,
      route: 'refcoco',
      components: { echo: 0.5, one: 1, fallback: 0 },
    })
    expect(scoreItem(spec, { task: 'chartqa', response: '0.5' }, 1)).toMatchObject({ score: 1, route: 'chartqa' })
    expect(scoreItem(spec, { response: '0.25' }, 2)).toMatchObject({ score: 0.25, route: 'default', id: '2' })
  })
  it('routes by a meta field', () => {
    const spec = compile({ route: { by: 'meta.kind', cases: { a: 'one' }, default: 'echo' } })
    expect(scoreItem(spec, { response: '0', meta: { kind: 'a' } }, 0)).toMatchObject({ score: 1 })
  })
  it('an item with no case and no default is an error, not a silent 0', () => {
    const result = score({ route: { cases: { a: 'one' } } }, { task: 'b', response: '' })
    expect(result).toMatchObject({ valid: false, score: 0, error: { code: 'no_route' } })
    expect((result as { error: { message: string } }).error.message).toBe(
      'no case for task "b" and no default; cases: a',
    )
  })
})

describe('bad output is a score; a failing reward is an error', () => {
  it('an unparseable response is invalid with the reason of its component', () => {
    expect(score({ sum: ['one', 'echo'] }, { response: 'x' })).toMatchObject({
      score: 1,
      valid: false,
      reason: { code: 'unparseable_answer', component: 'echo' },
    })
  })
  it('a reward that throws gives the item an error and the onError score', () => {
    expect(score({ sum: ['one', 'boom'], onError: -1 }, { response: '' })).toMatchObject({
      score: -1,
      valid: false,
      error: { code: 'reward_error', message: 'boom: bug' },
    })
  })
})

describe('asynchronous rewards', () => {
  it('scores in order with bounded concurrency', async () => {
    const spec = compile({ sum: ['later', 'one'] })
    expect(spec.async).toBe(true)
    const items = Array.from({ length: 50 }, (_, i) => ({ response: String(i) }))
    const results = await scoreBatch(spec, items, { concurrency: 7 })
    expect(results.map((r) => r.score)).toEqual(items.map((_, i) => i / 2 + 1))
    expect(results.map((r) => r.id)).toEqual(items.map((_, i) => String(i)))
  })
  it('times out an item without holding the batch', async () => {
    const stuck = defineReward({ ...later, id: 'stuck', score: () => new Promise(() => {}) })
    const reg = createRegistry([{ name: 't', rewards: [stuck, one] }])
    const spec = compileSpec(parseSpec({ sum: ['stuck', 'one'] }), reg)
    const [r] = await scoreBatch(spec, [{ response: '' }], { timeoutMs: 20 })
    expect(r).toMatchObject({ valid: false, error: { code: 'timeout' }, components: { stuck: 0, one: 0 } })
  })
})

describe('bad specs fail early, naming the path and what was expected', () => {
  const errorOf = (doc: unknown) => {
    try {
      compile(doc)
    } catch (e) {
      return (e as Error).message
    }
    throw new Error('expected an error')
  }
  it.each([
    [{ reward: 'nope' }, 'invalid spec:\n  at reward: unknown reward "nope"; known: boom, echo, later, one'],
    [
      { sum: ['echo', { reward: 'echo', params: { scale: 'x' } }] },
      'invalid spec:\n  at sum[1].params.scale: Invalid input: expected number, received string',
    ],
    [
      // a misspelt param would otherwise be dropped by zod and score with the default
      { sum: ['one', { reward: 'echo', params: { scael: 4 } }] },
      'invalid spec:\n  at sum[1].params.scael: echo has no param "scael" (its params: scale)',
    ],
    [
      { sum: ['echo', 'echo'] },
      'invalid spec:\n  at sum[1]: component "echo", "echo.raw" already used by another node; give this one a distinct "name"',
    ],
    [
      { product: [{ reward: 'echo', weight: 2 }] },
      'invalid spec:\n  at product[0].weight: "weight" applies only inside sum or mean',
    ],
    [{ sum: [] }, 'invalid spec:\n  at sum: sum needs at least one node'],
    [
      { sum: ['echo'], max: ['one'] },
      'invalid spec:\n  at (root): a node has exactly one of reward, sum, mean, product, min, max, gate, clamp, route; found sum and max',
    ],
    [
      { rewrd: 'echo' },
      'invalid spec:\n  at (root): expected one of reward, sum, mean, product, min, max, gate, clamp, route; found keys rewrd',
    ],
    [
      { route: { cases: { a: { reward: 'echo', extra: 1 } } } },
      'invalid spec:\n  at route.cases.a: Unrecognized key: "extra"',
    ],
    [{ clamp: 'echo', lo: 2, hi: 1 }, 'invalid spec:\n  at (root): clamp bounds are empty: lo 2 > hi 1'],
    [{ reward: 'echo', onError: 'x' }, 'invalid spec:\n  at onError: Invalid input: expected number, received string'],
  ])('%j', (doc, message) => {
    expect(errorOf(doc)).toBe(message)
  })
  it('names the file and reports YAML syntax errors', () => {
    expect(() => parseSpecText('sum: [echo\n', 'specs/a.yaml')).toThrowError(
      /^invalid specs\/a\.yaml:\n {2}at \(root\): not valid YAML or JSON/,
    )
  })
  it('reads YAML and JSON alike', () => {
    const yaml = parseSpecText('sum:\n  - reward: echo\n    weight: 2\n  - one\n', 'a.yaml')
    const json = parseSpecText('{"sum":[{"reward":"echo","weight":2},"one"]}', 'a.json')
    expect(yaml.root).toEqual(json.root)
  })
})

describe('provenance and schema', () => {
  it('records reward id, version and defaulted params per component', () => {
    expect(compile({ sum: ['echo', { reward: 'one', name: 'x' }] }).rewards).toEqual([
      { key: 'echo', rewardId: 'echo', rewardVersion: 1, params: { scale: 1 } },
      { key: 'x', rewardId: 'one', rewardVersion: 1, params: { scale: 1 } },
    ])
  })
  it('emits a JSON Schema that names every reward and its params', () => {
    const schema = JSON.stringify(specJsonSchema(registry))
    for (const id of registry.ids) expect(schema).toContain(`{"const":"${id}"}`)
    expect(schema).toContain('a multiplier')
  })
})

describe('properties', () => {
  it('sum of weighted echoes equals the weighted sum; min ≤ mean ≤ max', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        (x, w) => {
          const response = String(x)
          const s = score({ sum: [{ reward: 'echo', weight: w }] }, { response }) as { score: number }
          expect(s.score).toBeCloseTo(Number(response) * w, 6)
          const lo = (score({ min: ['echo', 'one'] }, { response }) as { score: number }).score
          const mid = (score({ mean: ['echo', 'one'] }, { response }) as { score: number }).score
          const hi = (score({ max: ['echo', 'one'] }, { response }) as { score: number }).score
          expect(lo <= mid + 1e-9 && mid <= hi + 1e-9).toBe(true)
        },
      ),
    )
  })
})

describe('group rewards', () => {
  // rank within the group: 1 for the longest response, 0 for the shortest (a stand-in for win rates)
  const rank = defineReward({
    ...base,
    id: 'rank',
    needs: { group: true },
    score: () => invalid({ code: 'missing_input', field: 'group', expected: 'the rollouts of a GRPO group' }),
    scoreGroup: (inputs) => {
      const lens = inputs.map((x) => x.response.length)
      const max = Math.max(...lens)
      const min = Math.min(...lens)
      return lens.map((l) => scored(max === min ? 0.5 : (l - min) / (max - min)))
    },
  })
  const reg = createRegistry([{ name: 't', rewards: [rank, one] }])
  const spec = compileSpec(parseSpec({ sum: ['rank', 'one'] }), reg)

  it('scores each group together, in input order, with singletons as their own group', async () => {
    const items = [
      { response: 'aa', group: 'g1' },
      { response: 'a', group: 'g2' },
      { response: 'aaaa', group: 'g1' },
      { response: 'aaa', group: 'g2' },
      { response: 'lonely' },
    ]
    const results = await scoreBatch(spec, items)
    expect(results.map((r) => r.components.rank)).toEqual([0, 0, 1, 1, 0.5])
  })
  it('an item scored alone says it needs its group', async () => {
    expect(await scoreItem(spec, { response: 'x' }, 0)).toMatchObject({
      valid: false,
      reason: { code: 'missing_input' },
    })
  })
  it('a group reward that fails marks every item of the group', async () => {
    const bad = defineReward({ ...rank, id: 'bad', scoreGroup: () => [scored(1)] })
    const s = compileSpec(parseSpec({ reward: 'bad' }), createRegistry([{ name: 't', rewards: [bad] }]))
    const results = await scoreBatch(s, [
      { response: 'a', group: 'g' },
      { response: 'b', group: 'g' },
    ])
    expect(results.map((r) => r.error?.code)).toEqual(['reward_error', 'reward_error'])
  })
})
