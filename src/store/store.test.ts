import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { grpoAdvantages } from '../advantages/index.js'
import { MIGRATIONS } from './migrations.js'
import { openStore, type SqliteStore } from './sqlite-store.js'
import type { IngestRollout } from './types.js'

let dir: string
let store: SqliteStore
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-store-'))
  store = openStore(join(dir, 'db.sqlite'))
})
afterEach(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

const SPEC = 'sum:\n  - name: accuracy\n    reward: box-iou\n    params: { coordSpace: norm1000, answer: tag }\n'

function rollout(step: number, group: string, score: number, extra: Partial<IngestRollout> = {}): IngestRollout {
  return {
    step,
    group,
    prompt: `prompt ${group}`,
    task: 'locate',
    reference: [100, 100, 200, 200],
    response: `<think>look</think> <answer>[100, 100, 200, 200]</answer> ${score}`,
    score,
    components: { accuracy: score },
    ...extra,
  }
}

describe('SqliteStore', () => {
  it('stores groups with GRPO advantages and flags zero-variance groups', async () => {
    const run = await store.createRun({ name: 'r', source: 'test', specText: SPEC })
    const scores = [1, 0, 1, 1] // rewards.md §8 worked example
    await store.ingest(run.id, [...scores.map((s) => rollout(0, 'a', s)), ...[0.5, 0.5].map((s) => rollout(0, 'b', s))])
    const rows = await store.queryRollouts(run.id, {}, { limit: 100 })
    expect(rows.total).toBe(6)
    const a = await store.group(rows.rows.find((r) => r.score === 0)?.groupId as number)
    expect(a?.rollouts.map((r) => r.advantage)).toEqual(grpoAdvantages(scores))
    expect(a?.zeroVariance).toBe(false)
    const b = await store.group(rows.rows.find((r) => r.score === 0.5)?.groupId as number)
    expect(b?.zeroVariance).toBe(true)
    const d = await store.dashboard(run.id)
    expect(d.series.zeroVarianceFraction).toEqual([0.5])
  })

  it('keeps a group whole when its rollouts arrive in several batches', async () => {
    const run = await store.createRun({ name: 'r', source: 'test' })
    await store.ingest(run.id, [rollout(3, 'g', 1), rollout(3, 'g', 0)])
    await store.ingest(run.id, [rollout(3, 'g', 1)])
    const info = await store.getRun(run.id)
    expect(info?.groups).toBe(1)
    const g = await store.group(1)
    expect(g?.rollouts.map((r) => r.index)).toEqual([0, 1, 2])
    expect(g?.mean).toBeCloseTo(2 / 3)
  })

  it('computes per-step mean, unbiased std, rates and the length–score correlation from aggregates', async () => {
    const run = await store.createRun({ name: 'r', source: 'test' })
    const batch = [0.2, 0.4, 0.6, 0.8].map((s, i) =>
      rollout(1, `g${i}`, s, { length: 100 * (i + 1), valid: i !== 0, truncated: i === 3, judgeCost: 0.01 }),
    )
    await store.ingest(run.id, batch)
    const { series } = await store.dashboard(run.id)
    expect(series.steps).toEqual([1])
    expect(series.score[0]?.mean).toBeCloseTo(0.5)
    expect(series.score[0]?.std).toBeCloseTo(Math.sqrt(((0.3 ** 2 + 0.1 ** 2) * 2) / 3)) // n − 1
    expect(series.invalidRate[0]).toBe(0.25)
    expect(series.truncatedRate[0]).toBe(0.25)
    expect(series.judgeCost[0]).toBeCloseTo(0.04)
    expect(series.lengthScoreCorr[0]).toBeCloseTo(1) // score rises linearly with length
    expect(series.components.accuracy?.[0]?.mean).toBeCloseTo(0.5)
  })

  it('filters by component range, text, invalid, truncation and length', async () => {
    const run = await store.createRun({ name: 'r', source: 'test' })
    await store.ingest(run.id, [
      rollout(0, 'a', 0.1, { response: 'alpha', length: 5 }),
      rollout(0, 'a', 0.9, { response: 'beta', length: 50, truncated: true }),
      rollout(1, 'b', 0.5, { response: 'Gamma ray', length: 500, valid: false }),
    ])
    const q = async (f: Parameters<SqliteStore['queryRollouts']>[1]) =>
      (await store.queryRollouts(run.id, f)).rows.map((r) => r.score).sort()
    expect(await q({ ranges: [{ key: 'accuracy', min: 0.4 }] })).toEqual([0.5, 0.9])
    expect(await q({ ranges: [{ key: 'score', max: 0.5 }] })).toEqual([0.1, 0.5])
    expect(await q({ text: 'gamma' })).toEqual([0.5]) // case-insensitive
    expect(await q({ invalid: true })).toEqual([0.5])
    expect(await q({ truncated: true })).toEqual([0.9])
    expect(await q({ minLength: 10, maxLength: 100 })).toEqual([0.9])
    expect(await q({ step: 0 })).toEqual([0.1, 0.9])
  })

  it('stores an image once by sha256 and reads its size from the file', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#f00' } })
      .png()
      .toBuffer()
    const run = await store.createRun({ name: 'r', source: 'test' })
    await store.ingest(run.id, [
      rollout(0, 'a', 1, { images: [{ bytes: png }] }),
      rollout(0, 'a', 0, { images: [{ bytes: png }] }),
    ])
    const g = await store.group(1)
    expect(g?.images[0]).toMatchObject({ width: 40, height: 30 })
    const sha = g?.images[0]?.sha256 as string
    expect(await store.imagePath(sha)).toContain(sha)
    expect(readdirSync(join(dir, 'images', sha.slice(0, 2)))).toEqual([sha])
    expect(await store.imagePath('../../etc/passwd')).toBeUndefined() // only sha256 names are looked up
  })

  it('commits a batch whole or not at all, and keeps working after a failed batch', async () => {
    const run = await store.createRun({ name: 'r', source: 'test' })
    await store.ingest(run.id, [rollout(0, 'a', 1)])
    store.db.exec(
      "CREATE TRIGGER boom BEFORE INSERT ON rollouts WHEN NEW.ext_id = 'boom' BEGIN SELECT RAISE(ABORT, 'boom'); END",
    )
    const bad = [rollout(1, 'b', 1), rollout(1, 'c', 1), rollout(1, 'b', 0, { id: 'boom' })]
    await expect(store.ingest(run.id, bad)).rejects.toThrow('boom')
    const count = (t: string) => (store.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n
    expect(count('rollouts')).toBe(1)
    expect(count('groups')).toBe(1)
    expect(
      (store.db.prepare("SELECT sum(n) AS n FROM step_stats WHERE metric = 'score'").get() as { n: number }).n,
    ).toBe(1)
    store.db.exec('DROP TRIGGER boom')
    await store.ingest(run.id, [rollout(1, 'b', 1), rollout(1, 'b', 0)])
    expect(count('rollouts')).toBe(3)
    expect((await store.getRun(run.id))?.groups).toBe(2)
  })

  it('migrates once and reopens at the latest schema', async () => {
    await store.close()
    store = openStore(join(dir, 'db.sqlite'))
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal')
  })

  it('links hacking findings to the rollouts that triggered them', async () => {
    const run = await store.createRun({ name: 'r', source: 'test', specText: SPEC })
    const image = { width: 1000, height: 1000 }
    await store.ingest(run.id, [
      rollout(0, 'a', 0.01, {
        images: [image],
        response: '<answer>[0, 0, 1000, 1000]</answer>',
        meta: { coordSpace: 'norm1000' },
      }),
      rollout(0, 'a', 1, {
        images: [image],
        response: '<answer>[100, 100, 200, 200]</answer>',
        meta: { coordSpace: 'norm1000' },
      }),
    ])
    const f = (await store.findings(run.id)).find((x) => x.detector === 'whole-image-box')
    expect(f?.rollouts).toBe(1)
    const flagged = await store.queryRollouts(run.id, { finding: f?.id })
    expect(flagged.rows.map((r) => r.score)).toEqual([0.01])
    expect(flagged.rows[0]?.flags).toEqual(['whole-image-box'])
  })
})
