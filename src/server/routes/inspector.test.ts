import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultRegistry } from '../../rewards/packs.js'
import { buildDemo, openStore, type SqliteStore } from '../../store/index.js'
import { createApp } from '../app.js'

const dir = mkdtempSync(join(tmpdir(), 'sightline-inspector-'))
let store: SqliteStore
let app: ReturnType<typeof createApp>['app']
let runId: number

beforeAll(async () => {
  store = openStore(join(dir, 'db.sqlite'))
  runId = (await buildDemo(store)).run.id
  mkdirSync(join(dir, 'web', 'assets'), { recursive: true })
  writeFileSync(join(dir, 'web', 'index.html'), '<!doctype html><div id="root"></div>')
  app = createApp({
    registry: defaultRegistry(),
    processMetrics: false,
    log: () => {},
    inspector: { store, webRoot: join(dir, 'web'), defaultRun: 'live' },
  }).app
})
afterAll(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

const get = async (path: string) => {
  const res = await app.request(path)
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { [k: string]: never } }
}
const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await app.request(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe('inspector API', () => {
  it('lists the demo run and its dashboard with every detector firing somewhere', async () => {
    const runs = (await get('/api/runs')).body.runs as unknown as { name: string; rollouts: number }[]
    expect(runs[0]).toMatchObject({ name: 'demo-grounding-grpo', rollouts: 768 })
    const d = (await get(`/api/runs/${runId}/dashboard`)).body as unknown as {
      series: { steps: number[] }
      findings: { detector: string }[]
    }
    expect(d.series.steps).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    const detectors = new Set(d.findings.map((f) => f.detector))
    for (const id of [
      'whole-image-box',
      'sprayed-boxes',
      'option-list-answer',
      'answer-contradicts-reasoning',
      'repetition',
      'format-only-win',
      'length-correlation-drift',
      'component-collapse',
    ])
      expect(detectors).toContain(id)
  })

  it('filters rollouts by component range and text, and refuses a malformed range', async () => {
    const hi = (await get(`/api/runs/${runId}/rollouts?range=accuracy:0.9:&limit=500`)).body as unknown as {
      total: number
      rows: { components: Record<string, number> }[]
    }
    expect(hi.total).toBeGreaterThan(0)
    expect(hi.rows.every((r) => (r.components.accuracy ?? 0) >= 0.9)).toBe(true)
    const text = (await get(`/api/runs/${runId}/rollouts?q=${encodeURIComponent('B, C, D, E')}`)).body as unknown as {
      total: number
    }
    expect(text.total).toBeGreaterThan(0)
    expect((await get(`/api/runs/${runId}/rollouts?range=accuracy:x:`)).status).toBe(400)
    expect((await get('/api/runs/999')).status).toBe(404)
  })

  it('returns a group with advantages that sum to zero and boxes in original pixels', async () => {
    const g = (await get('/api/groups/1')).body as unknown as {
      images: { width: number; height: number }[]
      groundTruth: { boxes: number[][] }
      rollouts: { advantage: number; predicted: { boxes: number[][] } }[]
    }
    expect(g.rollouts).toHaveLength(8)
    expect(Math.abs(g.rollouts.reduce((s, r) => s + r.advantage, 0))).toBeLessThan(1e-6)
    const { width, height } = g.images[0] as { width: number; height: number }
    for (const b of [...g.groundTruth.boxes, ...g.rollouts.flatMap((r) => r.predicted.boxes)]) {
      expect(b[2]).toBeLessThanOrEqual(width + 1e-9)
      expect(b[3]).toBeLessThanOrEqual(height + 1e-9)
    }
  })

  it('re-scores a run with an edited spec and keeps old and new side by side', async () => {
    const spec =
      'sum:\n  - name: accuracy\n    route:\n      cases:\n        locate: { reward: box-iou, params: { coordSpace: norm1000, answer: tag, threshold: 0.5 } }\n        choice: { reward: token-f1 }\n'
    const r = (await post(`/api/runs/${runId}/rescore`, { spec })).body as {
      scored: number
      changed: number
      diffs: { rolloutId: number; old: number; new: number }[]
    }
    expect(r.scored).toBe(768)
    expect(r.changed).toBeGreaterThan(0)
    const top = r.diffs[0] as { rolloutId: number; old: number; new: number }
    const detail = (await get(`/api/rollouts/${top.rolloutId}`)).body as unknown as {
      score: number
      rescores: { score: number }[]
    }
    expect(detail.score).toBe(top.old)
    expect(detail.rescores[0]?.score).toBe(top.new)
  })

  it('answers 400 naming the problem for a spec that does not compile', async () => {
    const r = await post(`/api/runs/${runId}/rescore`, { spec: 'reward: no-such-reward' })
    expect(r.status).toBe(400)
    expect(JSON.stringify(r.body)).toMatch(/no-such-reward/)
  })

  it('logs /v1/score batches to the named run, the header run, or the default; run: false logs nothing', async () => {
    const items = [{ response: 'the cat', reference: 'a cat', task: 'x', step: 3, group: 'g' }]
    const spec = { reward: 'token-f1' }
    expect((await post('/v1/score', { spec, items, run: 'named' })).status).toBe(200)
    await post('/v1/score', { spec, items }, { 'x-sightline-run': 'from-header' })
    await post('/v1/score', { spec, items })
    await post('/v1/score', { spec, items, run: false })
    const runs = (await get('/api/runs')).body.runs as unknown as { name: string; rollouts: number; source: string }[]
    const by = Object.fromEntries(runs.map((r) => [r.name, r]))
    expect(by.named).toMatchObject({ rollouts: 1, source: 'server' })
    expect(by['from-header']?.rollouts).toBe(1)
    expect(by.live?.rollouts).toBe(1) // the default run; run: false added nothing to it
  })

  it('serves the UI at / and images by sha256', async () => {
    const res = await app.request('/')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('root')
    const g = (await get('/api/groups/1')).body as unknown as { images: { sha256: string }[] }
    const img = await app.request(`/api/images/${g.images[0]?.sha256}`)
    expect(img.headers.get('content-type')).toBe('image/png')
    expect((await app.request('/api/images/nothex')).status).toBe(404)
  })
})
