/**
 * The worker pool, end to end: order across many chunks, a hung reward stopped by the deadline without holding
 * the run, a crashing worker, and `sightline score` on the pool. Workers run the TypeScript sources (slow to
 * start under a loaded machine), so one pool serves the file.
 */
import { Readable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError } from '../src/core/index.js'
import { createScoringPool, jsonlSource, scoreStream } from '../src/runtime/index.js'
import { jsonl, parseJsonl, sightline, TEST_PACK, tempDir } from './helpers.js'

const pool = createScoringPool({ workers: 2, plugins: [TEST_PACK], chunkSize: 7 })
afterAll(() => pool.close())
const SPEC = 'sum: [echo-number, { reward: hang, weight: 0 }, { reward: crash, weight: 0 }]'

describe('createScoringPool', () => {
  it('scores items in input order across chunks and workers, with default ids from positions', async () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ response: String(i), reference: 0 }))
    const results = await pool.score(SPEC, items, { offset: 1000 })
    expect(results.map((r) => r.score)).toEqual(items.map((_, i) => i))
    expect(results.map((r) => r.id)).toEqual(items.map((_, i) => String(1000 + i)))
  })

  it('stops a hung item at its deadline, records it as a timeout, and scores the rest of its chunk', async () => {
    const items = ['1', '2', 'hang', '4', '5'].map((response) => ({ response, reference: 0 }))
    const started = performance.now()
    const results = await pool.score(SPEC, items, { timeoutMs: 300 })
    expect(performance.now() - started).toBeLessThan(20_000)
    expect(results.map((r) => r.valid)).toEqual([true, true, false, true, true])
    expect(results[2]).toMatchObject({
      id: '2',
      score: 0,
      reason: { code: 'timeout', ms: 300 },
      error: { code: 'timeout' },
      components: { 'echo-number': 0, hang: 0, crash: 0 },
    })
    expect(results[4]).toMatchObject({ score: 5 })
  })

  it('records an item that kills its worker as worker_error and goes on', async () => {
    const items = ['1', 'crash', '3'].map((response) => ({ response, reference: 0 }))
    const results = await pool.score(SPEC, items)
    expect(results.map((r) => r.error?.code)).toEqual([undefined, 'worker_error', undefined])
    expect(results[2]).toMatchObject({ score: 3 })
  })

  it('rejects a bad spec before any item is scored, as the ConfigError a compile in this thread would give', async () => {
    // the workers compile the spec (this thread loads no rewards); the error crosses back as data
    await expect(pool.score('reward: nope', [{ response: '' }], { source: 'req.spec' })).rejects.toThrow(
      /invalid req\.spec:\n {2}at reward: unknown reward "nope"/,
    )
    const error = await pool.compile('{reward: echo-number, params: {x: 1}}', 'f.yaml').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error).toMatchObject({ source: 'f.yaml', issues: [{ path: 'params.x' }] })
  })

  it('compiles a good spec in the workers and says what it scores', async () => {
    const summary = await pool.compile(SPEC, 'ok.yaml')
    expect(summary.componentKeys).toEqual(['echo-number', 'echo-number.abs', 'hang', 'crash'])
    expect(summary.rewards.map((r) => r.rewardId)).toEqual(['echo-number', 'hang', 'crash'])
    expect(summary.async).toBe(false)
  })
})

describe('scoreStream on the pool', () => {
  it('writes many small chunks in input order with bounded chunks in flight', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => ({ response: String(i % 97), reference: 0, id: `r${i}` }))
    const written: string[] = []
    const report = await scoreStream(jsonlSource(Readable.from([jsonl(lines)]), { chunkBytes: 2048 }), {
      pool,
      specText: SPEC,
      source: 'spec',
      componentKeys: (await pool.compile(SPEC, 'spec')).componentKeys,
      write: (text) => written.push(text),
    })
    expect(written.length).toBeGreaterThan(20)
    const out = parseJsonl(written.join(''))
    expect(out.map((o) => o.id)).toEqual(lines.map((l) => l.id))
    expect(out.map((o) => o.score)).toEqual(lines.map((l) => Number(l.response)))
    expect(report.stats.items).toBe(3000)
    expect(report.stats.n[0]).toBe(3000)
  })
})

describe('sightline score --workers', () => {
  const t = tempDir()
  t.write('spec.yaml', `${SPEC}\n`)
  it('a hung reward does not hold the run: the item times out, the others are scored, --strict exits 1', async () => {
    const rows = ['1', 'hang', '3', 'not a number'].map((response) => ({ response, reference: 0 }))
    t.write('in.jsonl', jsonl(rows))
    const args = ['score', '--spec', 'spec.yaml', '--in', 'in.jsonl', '--workers', '1', '--timeout-ms', '300']
    const r = await sightline(t.dir, [...args, '--strict', '--plugin', TEST_PACK])
    expect(r.code).toBe(1)
    const out = parseJsonl(r.stdout)
    expect(out.map((o) => (o.error as { code: string } | undefined)?.code)).toEqual([
      undefined,
      'timeout',
      undefined,
      undefined,
    ])
    expect(out.map((o) => o.valid)).toEqual([true, false, true, false])
    expect(r.stderr).toContain('errors: timeout 1')
    expect(r.stderr).toContain('1 workers')
  })
})
