/**
 * `POST /v1/score` on worker threads: items the request schema passes unchanged reach the workers as slices of the
 * request's own text (src/server/item-spans.ts); others are stringified again. Either way the answer must be
 * exactly what the in-process scorer gives for the same body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RewardRegistry } from '../../src/core/index.js'
import { createScoringPool, loadRegistry } from '../../src/runtime/index.js'
import { createApp } from '../../src/server/app.js'
import { poolScorer } from '../../src/server/pool-scorer.js'
import { inProcessScorer } from '../../src/server/scoring.js'
import { TEST_PACK } from '../helpers.js'

const pool = createScoringPool({ workers: 2, plugins: [TEST_PACK] })
let registry: RewardRegistry
beforeAll(async () => {
  registry = await loadRegistry([TEST_PACK])
})
afterAll(() => pool.close())

async function answer(body: string, scorer: 'pool' | 'in-process') {
  const { app } = createApp({
    registry,
    processMetrics: false,
    log: () => {},
    scorer: scorer === 'pool' ? poolScorer(pool, { itemTimeoutMs: 5000 }) : inProcessScorer(),
  })
  const res = await app.request('/v1/score', { method: 'POST', body, headers: { 'content-type': 'application/json' } })
  return { status: res.status, body: (await res.json()) as { results: { id: string; score: number }[] } }
}

const SPEC = { reward: 'echo-number' }
/** numbers as responses; ids numeric or missing; strings full of what a scanner could trip on */
const items = Array.from({ length: 150 }, (_, i) => ({
  ...(i % 3 === 0 ? { id: i } : i % 3 === 1 ? { id: `x"]},{\\${i}` } : {}),
  response: String(i % 17),
  reference: 0,
  prompt: i % 2 ? 'é…😀 "quoted" [not] {an} \\ array' : '\\"',
  meta: { nested: [[{ '"': ']' }]], i },
}))

describe('/v1/score on worker threads', () => {
  it('answers what the in-process scorer answers, for slices of the body and for restringified items', async () => {
    const bodies = {
      plain: JSON.stringify({ spec: SPEC, items }),
      spaced: JSON.stringify({ items, run: false, spec: SPEC }, null, '\t'),
      // a key the schema does not know: it drops it, so the items are not the body's text and go stringified
      normalised: JSON.stringify({ spec: SPEC, items: items.map((it, i) => (i === 5 ? { ...it, extra: [1] } : it)) }),
      // "items" spelt with an escape: the scan refuses it, and the items go stringified
      escapedKey: JSON.stringify({ spec: SPEC, items }).replace('"items"', '"\\u0069tems"'),
    }
    for (const [name, body] of Object.entries(bodies)) {
      const viaPool = await answer(body, 'pool')
      const inProcess = await answer(body, 'in-process')
      expect(viaPool.status, name).toBe(200)
      expect(viaPool.body, name).toEqual(inProcess.body)
      expect(viaPool.body.results.map((r) => r.id).slice(0, 3), name).toEqual(['0', 'x"]},{\\1', '2'])
      expect(viaPool.body.results.map((r) => r.score).slice(14, 18), name).toEqual([14, 15, 16, 0])
    }
  })
})
