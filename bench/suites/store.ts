/**
 * The rollout store: ingest throughput (rollouts/s through `SqliteStore.ingest`, 1,000 per transaction, detectors
 * on, three components, ~400-character responses, groups of 8; per CPU-second, since the machine is shared) and
 * the run dashboard of a 1M-rollout run. The
 * 1M run is written with SQL (`INSERT … SELECT` over a recursive CTE, aggregates built the way ingest keeps
 * them) so that the case takes seconds, not the minute that ingesting a million rollouts one batch at a time
 * would; the dashboard reads the same tables either way. Targets: ingest ≥ 20,000 rollouts/s; dashboard ≤ 1 s.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '../../src/store/index.js'
import type { IngestRollout } from '../../src/store/types.js'
import { type BenchResult, type BenchSuite, quantile, timings } from '../harness.js'

const WORDS = ['the', 'box', 'left', 'edge', 'red', 'square', 'so', 'answer', 'is', 'near', 'centre', 'of', 'image']

function rollouts(n: number, step: number): IngestRollout[] {
  const out: IngestRollout[] = []
  for (let i = 0; i < n; i++) {
    const words: string[] = []
    for (let k = 0; k < 60; k++) words.push(WORDS[(i * 7 + k * 3) % WORDS.length] as string)
    const acc = ((i * 37) % 100) / 100
    out.push({
      step,
      group: `g${Math.floor(i / 8)}`,
      prompt: `Locate the object in scene ${Math.floor(i / 8)}.`,
      task: 'locate',
      reference: [10, 20, 110, 220],
      images: [{ width: 640, height: 480 }],
      meta: { coordSpace: 'norm1000' },
      response: `<think>${words.join(' ')}</think> <answer>[${i % 500}, 40, ${(i % 500) + 200}, 460]</answer>`,
      score: acc + 0.5,
      components: { accuracy: acc, format: 1, 'box-iou.iou': acc },
    })
  }
  return out
}

async function ingestRate(dir: string): Promise<BenchResult> {
  const store = openStore(join(dir, 'ingest.db'))
  const run = await store.createRun({ name: 'bench', source: 'bench' })
  const batches = Array.from({ length: 40 }, (_, s) => rollouts(1000, s))
  await store.ingest(run.id, rollouts(1000, 99)) // warm-up: statements, caches
  const started = performance.now()
  const cpu0 = process.cpuUsage()
  for (const b of batches) await store.ingest(run.id, b)
  const cpu = process.cpuUsage(cpu0)
  const wall = (performance.now() - started) / 1000
  await store.close()
  // CPU time, as the other suites report: this machine is shared and oversubscribed, so wall time measures the load
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  return {
    name: 'ingest (1,000 per transaction)',
    value: 40_000 / cpuSeconds,
    unit: 'rollouts/CPU-s',
    target: '≥ 20000',
    note: `40k rollouts, detectors on; ${Math.round(40_000 / wall).toLocaleString('en-US')}/s wall`,
  }
}

/** A run of `n` rollouts over `steps` steps, groups of 8, two components, written with SQL (better-sqlite3 binds
 * JS numbers as REAL, hence the casts: `i / 5000.0` would give every rollout its own step). */
function bulkRun(db: import('better-sqlite3').Database, runId: number, n: number, steps: number): void {
  const perStep = n / steps
  db.transaction(() => {
    db.prepare(
      "INSERT INTO prompts (id, run_id, key, task, prompt, images) VALUES (1, ?, 'k', 'locate', '\"p\"', '[]')",
    ).run(runId)
    db.prepare(
      `INSERT INTO groups (id, run_id, step, uid, prompt_id, n, sum, sumsq, min, max)
       WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i + 1 < ?)
       SELECT i + 1, ?, i / CAST(? AS INTEGER), 'g' || i, 1, 8, 4, 2.5, 0, 1 FROM g`,
    ).run(n / 8, runId, perStep / 8)
    db.prepare(
      `INSERT INTO rollouts (id, run_id, group_id, prompt_id, step, idx, task, response, score, valid, length, truncated)
       WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i + 1 < ?)
       SELECT i + 1, ?, i / 8 + 1, 1, i / CAST(? AS INTEGER), i % 8, 'locate', 'response ' || i, (i * 37 % 100) / 100.0, i % 50 != 0, 200 + i % 700, i % 97 = 0 FROM r`,
    ).run(n, runId, perStep)
    for (const key of ['accuracy', 'format'])
      db.prepare(
        `INSERT INTO components (rollout_id, key, value) SELECT id, ?, score FROM rollouts WHERE run_id = ?`,
      ).run(key, runId)
    db.prepare(
      `INSERT INTO step_stats (run_id, step, metric, n, sum, sumsq)
       SELECT run_id, step, 'score', count(*), sum(score), sum(score * score) FROM rollouts WHERE run_id = ? GROUP BY step
       UNION ALL SELECT run_id, step, 'length', count(*), sum(length), sum(length * length) FROM rollouts WHERE run_id = ? GROUP BY step
       UNION ALL SELECT run_id, step, 'len_score', count(*), sum(length * score), 0 FROM rollouts WHERE run_id = ? GROUP BY step
       UNION ALL SELECT run_id, step, 'invalid', count(*), sum(1 - valid), sum(1 - valid) FROM rollouts WHERE run_id = ? GROUP BY step
       UNION ALL SELECT run_id, step, 'truncated', count(*), sum(truncated), sum(truncated) FROM rollouts WHERE run_id = ? GROUP BY step
       UNION ALL SELECT r.run_id, r.step, 'c:' || c.key, count(*), sum(c.value), sum(c.value * c.value) FROM components c JOIN rollouts r ON r.id = c.rollout_id WHERE r.run_id = ? GROUP BY r.step, c.key`,
    ).run(runId, runId, runId, runId, runId, runId)
    db.prepare(`UPDATE runs SET component_keys = '["accuracy","format"]' WHERE id = ?`).run(runId)
  })()
}

async function dashboard(dir: string): Promise<BenchResult[]> {
  const store = openStore(join(dir, 'big.db'))
  const run = await store.createRun({ name: 'million', source: 'bench' })
  const t = performance.now()
  bulkRun(store.db, run.id, 1_000_000, 200)
  const built = (performance.now() - t) / 1000
  const d = await timings(() => store.dashboard(run.id), 5, 1)
  const filtered = await timings(
    () => store.queryRollouts(run.id, { step: 150, ranges: [{ key: 'accuracy', min: 0.9 }] }, { limit: 50 }),
    5,
    1,
  )
  const rows = (await store.getRun(run.id))?.rollouts ?? 0
  await store.close()
  return [
    {
      name: 'dashboard, 1M-rollout run (p50)',
      value: quantile(d, 0.5),
      unit: 'ms',
      target: '≤ 1000',
      note: `${rows.toLocaleString('en-US')} rollouts, 200 steps; built in ${built.toFixed(1)} s`,
    },
    {
      name: 'filtered rollouts page, 1M run (p50)',
      value: quantile(filtered, 0.5),
      unit: 'ms',
      note: 'one step, accuracy ≥ 0.9, first 50',
    },
  ]
}

export const suite: BenchSuite = {
  name: 'store',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'sightline-bench-store-'))
    try {
      return [await ingestRate(dir), ...(await dashboard(dir))]
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  },
}
