/**
 * `POST /v1/score` on worker threads. A plain request never has its items parsed in the server's main thread: the
 * workers parse, check and score slices of its bytes (routes/score.ts, `scoreUnparsed`). Anything else is parsed
 * and validated there, and items the schema passed unchanged still travel as slices; the rest are stringified.
 * Every way, the answer (errors included) must be exactly what the in-process scorer gives for the same body.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RewardRegistry } from '../../src/core/index.js'
import { createScoringPool, imagePolicy, loadRegistry } from '../../src/runtime/index.js'
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

/** Batches the workers took unparsed (`scoreText` answered) since the last look. */
let unparsed = 0
const tookUnparsed = () => {
  const n = unparsed
  unparsed = 0
  return n > 0
}

function countingPoolScorer() {
  const scorer = poolScorer(pool, { itemTimeoutMs: 5000 })
  const scoreText = scorer.scoreText?.bind(scorer)
  if (!scoreText) throw new Error('the pool scorer takes unparsed items')
  scorer.scoreText = async (...args) => {
    const scores = await scoreText(...args)
    if (scores) unparsed++
    return scores
  }
  return scorer
}

/** a directory the apps' image policy allows, with one image in it */
const imageDir = mkdtempSync(join(tmpdir(), 'sightline-images-'))
writeFileSync(join(imageDir, 'a.png'), '')

async function answer(body: string, scorer: 'pool' | 'in-process', headers: Record<string, string> = {}) {
  const { app } = createApp({
    registry,
    processMetrics: false,
    log: () => {},
    images: imagePolicy([imageDir]),
    scorer: scorer === 'pool' ? countingPoolScorer() : inProcessScorer(),
  })
  const res = await app.request('/v1/score', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  })
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
      // an image under --allow-dir: the workers check the policy themselves
      allowedImage: JSON.stringify({
        spec: SPEC,
        items: items.map((it, i) => (i % 10 === 0 ? { ...it, images: [{ path: join(imageDir, 'a.png') }] } : it)),
      }),
      // a key the schema does not know: it drops it, so the items are not the body's text and go stringified
      normalised: JSON.stringify({ spec: SPEC, items: items.map((it, i) => (i === 5 ? { ...it, extra: [1] } : it)) }),
      // "items" spelt with an escape: the scan refuses it, and the items go stringified
      escapedKey: JSON.stringify({ spec: SPEC, items }).replace('"items"', '"\\u0069tems"'),
    }
    for (const [name, body] of Object.entries(bodies)) {
      const viaPool = await answer(body, 'pool')
      expect(tookUnparsed(), name).toBe(['plain', 'spaced', 'allowedImage'].includes(name))
      const inProcess = await answer(body, 'in-process')
      expect(viaPool.status, name).toBe(200)
      expect(viaPool.body, name).toEqual(inProcess.body)
      expect(viaPool.body.results.map((r) => r.id).slice(0, 3), name).toEqual(['0', 'x"]},{\\1', '2'])
      expect(viaPool.body.results.map((r) => r.score).slice(14, 18), name).toEqual([14, 15, 16, 0])
    }
  })

  it('refuses what it always refused, with the same words, whichever way the request went', async () => {
    const body = (list: unknown[], rest: Record<string, unknown> = { spec: SPEC }) =>
      JSON.stringify({ ...rest, items: list })
    const withItem = (k: number, item: unknown) => items.map((it, i) => (i === k ? item : it))
    const bodies = {
      // an image path outside the policy, as a plain key and as a key spelt with an escape
      imagePath: body(withItem(70, { response: '1', images: [{ path: '/etc/passwd' }] })),
      escapedImagePath: body(withItem(70, { response: '1', images: [{ path: '/etc/passwd' }] })).replace(
        '"path"',
        '"p\\u0061th"',
      ),
      imageUrl: body(withItem(3, { response: '1', images: [{ url: 'http://example.com/a.png' }] })),
      wrongType: body(withItem(120, { response: 1 })),
      malformedItem: body(items).replace('"response":"3"', '"response":tru'),
      noSpec: body(withItem(2, { response: 1 }), {}),
      badSpec: body(items, { spec: { reward: 'no-such-reward' } }),
      badRun: body(items, { spec: SPEC, run: 7 }),
      empty: body([]),
    }
    for (const [name, text] of Object.entries(bodies)) {
      const viaPool = await answer(text, 'pool')
      expect(tookUnparsed(), name).toBe(name === 'empty')
      expect(viaPool, name).toEqual(await answer(text, 'in-process'))
      expect(viaPool.status, name).toBe(name === 'empty' ? 200 : /image/i.test(name) ? 403 : 400)
    }
  })
})
