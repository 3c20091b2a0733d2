/**
 * Deeply nested JSON, over a real socket and the worker pool as `sightline serve` runs it: whatever the route, a
 * body nested past the bound is a 400 `too_deep` naming the path where it crossed it, never a stack overflow
 * answered as a 500 (or a process aborted by V8).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createScoringPool, loadRegistry } from '../../src/runtime/index.js'
import { createApp } from '../../src/server/app.js'
import { listen, type RunningServer } from '../../src/server/node.js'
import { poolScorer } from '../../src/server/pool-scorer.js'
import { openStore, type SqliteStore } from '../../src/store/index.js'
import { TEST_PACK } from '../helpers.js'

/** `[[[…]]]`, n levels */
const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`
const DEEP = deep(100_000)
/** the path of the first array past 256 levels under `at`, which sits `levels` deep */
const crossedAt = (at: string, levels: number) => `${at}${'[0]'.repeat(257 - levels)}`

const dir = mkdtempSync(join(tmpdir(), 'sightline-nesting-'))
const pool = createScoringPool({ workers: 1, plugins: [TEST_PACK] })
let store: SqliteStore
let server: RunningServer
let run: number
const logged: unknown[] = []

beforeAll(async () => {
  store = openStore(join(dir, 'db.sqlite'))
  run = (await store.ensureRun({ name: 'r', source: 'server' })).id
  const app = createApp({
    registry: await loadRegistry([TEST_PACK]),
    specText: 'exact-match',
    scorer: poolScorer(pool, { itemTimeoutMs: 5000 }),
    processMetrics: false,
    log: (e) => logged.push(e),
    inspector: { store },
  })
  server = await listen(app, { port: 0, graceMs: 100 })
})
afterAll(async () => {
  await server?.close()
  await pool.close()
  await store?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function post(path: string, body: string) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  })
  const json = (await res.json()) as { error?: { code: string; message: string; issues?: { path: string }[] } }
  return { status: res.status, error: json.error }
}

describe('a body nested past 256 levels', () => {
  it.each([
    [
      'a reference in an item with an unknown key (the validating path)',
      '/v1/score',
      `{"items":[{"response":"a","reference":${DEEP},"note":1}]}`,
      crossedAt('items[0].reference', 4),
    ],
    [
      'a reference in a plain item (the path that hands the workers the bytes)',
      '/v1/score',
      `{"items":[{"response":"a","reference":${DEEP}}]}`,
      crossedAt('items[0].reference', 4),
    ],
    ['an inline spec', '/v1/score', `{"spec":{"sum":${DEEP}},"items":[]}`, crossedAt('spec.sum', 3)],
    [
      'an OpenRLHF label, as an object',
      '/get_reward',
      `{"query":["a"],"labels":[{"reference":${DEEP}}]}`,
      crossedAt('labels[0].reference', 4),
    ],
    [
      'an OpenRLHF label, as a JSON string',
      '/get_reward',
      JSON.stringify({ query: ['a'], labels: [`{"reference":${DEEP}}`] }),
      crossedAt('labels[0].reference', 4),
    ],
    [
      'a grader item',
      '/v1/fine_tuning/alpha/graders/run',
      `{"grader":{"type":"string_check","name":"s","input":"{{item.a}}","reference":"a","operation":"eq"},"item":{"a":${DEEP}},"model_sample":"a"}`,
      crossedAt('item.a', 3),
    ],
  ])('%s is a 400 too_deep with its path', async (_, path, body, at) => {
    const res = await post(path, body)
    expect(res.status).toBe(400)
    expect(res.error?.code).toBe('too_deep')
    expect(res.error?.issues?.[0]?.path).toBe(at)
    expect(res.error?.message).toContain('nested deeper than 256 levels')
  })

  it('a model sample read through {{sample.output_json}} is a sample parse error, not a 500', async () => {
    const res = await fetch(`${server.url}/v1/fine_tuning/alpha/graders/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grader: { type: 'string_check', name: 's', input: '{{sample.output_json}}', reference: 'a', operation: 'eq' },
        model_sample: DEEP,
      }),
    })
    expect(res.status).toBe(200)
    const answer = (await res.json()) as { reward: number; metadata: { errors: Record<string, boolean> } }
    expect(answer.reward).toBe(0)
    expect(answer.metadata.errors.sample_parse_error).toBe(true)
  })

  it('an edited spec for the inspector re-score, as YAML text, is a 400 before the YAML parser sees it', async () => {
    for (const spec of [deep(5000), `${'- '.repeat(5000)}exact`]) {
      const res = await post(`/api/runs/${run}/rescore`, JSON.stringify({ spec }))
      expect(res.status).toBe(400)
      expect(res.error).toMatchObject({ code: 'too_deep', issues: [{ path: 'spec' }] })
    }
  })

  it('nothing reached the error log, and the server still scores', async () => {
    expect(logged).toEqual([])
    const ok = await fetch(`${server.url}/v1/score`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"items":[{"response":"a","reference":"a","meta":{"x":${deep(250)}}}]}`,
    })
    expect(ok.status).toBe(200)
  })
})
