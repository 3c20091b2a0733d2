/**
 * The fast path may only ever answer what zod answers: for any body, `plainScoreRequest` is either undefined (zod
 * decides) or equal to zod's output. Generated bodies mix valid items with every kind of near miss.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ScoreRequestSchema } from './score.js'
import { plainScoreRequest } from './score-fast.js'

const scalar = fc.oneof(fc.string({ maxLength: 4 }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null))
/** a field: absent, a good value, or (rarely) a scalar of the wrong kind */
const field = (good: fc.Arbitrary<unknown>) =>
  fc.option(fc.oneof({ weight: 15, arbitrary: good }, { weight: 1, arbitrary: scalar }), { nil: undefined })
/** an unknown key, present now and then (JSON drops the undefined) */
const stray = fc.option(fc.constant(1), { freq: 6, nil: undefined })
const image = fc.record({
  path: field(fc.string({ maxLength: 4 })),
  width: field(fc.oneof(fc.integer({ min: 1, max: 2000 }), fc.constant(0), fc.constant(-3))),
  extra: stray,
})
const message = fc.record({
  role: field(fc.constantFrom('user', 'system')),
  content: field(fc.oneof(fc.string(), fc.array(fc.record({ type: field(fc.string()), text: fc.string() })))),
  name: stray,
})
const item = fc.record({
  id: field(fc.oneof(fc.string(), fc.integer())),
  task: field(fc.string({ maxLength: 6 })),
  prompt: field(fc.oneof(fc.string(), fc.array(message, { maxLength: 2 }))),
  response: fc.oneof({ weight: 15, arbitrary: fc.string({ maxLength: 8 }) }, { weight: 1, arbitrary: scalar }),
  reference: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
  images: field(fc.array(image, { maxLength: 2 })),
  meta: field(fc.oneof(fc.dictionary(fc.string({ maxLength: 3 }), fc.integer()), fc.array(fc.integer()))),
  group: field(fc.string()),
  step: field(fc.oneof(fc.integer(), fc.double())),
  unknown: stray,
})
const body = fc.record({
  items: fc.oneof({ weight: 15, arbitrary: fc.array(item, { maxLength: 3 }) }, { weight: 1, arbitrary: scalar }),
  spec: fc.option(fc.jsonValue({ maxDepth: 1 }), { nil: undefined }),
  run: field(fc.oneof(fc.string({ maxLength: 3 }), fc.constant(false), fc.string({ minLength: 201, maxLength: 205 }))),
  other: stray,
})

/** What JSON.parse would give: no undefined values. */
const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v) ?? 'null')

describe('plainScoreRequest', () => {
  it('is undefined or equal to what ScoreRequestSchema gives, on any body', () => {
    let fast = 0
    fc.assert(
      fc.property(body, (b) => {
        const value = json(b)
        const plain = plainScoreRequest(value)
        if (plain === undefined) return
        fast++
        const zod = ScoreRequestSchema.safeParse(value)
        expect(zod.success).toBe(true)
        expect(plain).toEqual(zod.data)
      }),
      { numRuns: 3000 },
    )
    expect(fast).toBeGreaterThan(300) // the generator does reach the fast path
  })

  it('takes the fast path on an ordinary batch', () => {
    const items = [
      { id: 1, task: 't', prompt: [{ role: 'user', content: [{ type: 'image' }] }], response: 'r', reference: [1, 2] },
      { response: '', images: [{ path: 'a.png', width: 640, height: 480 }], meta: { k: 1 }, group: 'g', step: 3 },
    ]
    expect(plainScoreRequest({ items, run: 'exp' })).toEqual({ items, run: 'exp' })
  })

  it.each([
    // zod strips unknown keys: the fast path must not keep them
    [{ items: [{ response: 'a', extra: 1 }] }],
    [{ items: [{ response: 'a', prompt: [{ role: 'user', content: 'x', name: 'n' }] }] }],
    // zod refuses these and says why
    [{ items: [{ response: 'a', images: [{ width: 0 }] }] }],
    [{ items: [{ response: 'a', step: 1.5 }] }],
    [{ items: [{ response: null }] }],
    [{ items: [], run: 'x'.repeat(201) }],
  ])('leaves %j to zod', (b) => {
    expect(plainScoreRequest(b)).toBeUndefined()
  })
})
