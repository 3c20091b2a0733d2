/**
 * The inspector's JSON API over the rollout store: runs, dashboards, filtered rollouts, groups, rollouts, a prompt
 * across steps, findings, images by sha256, and re-scoring with an edited spec. Read-only except `rescore`.
 */
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import type { Hono } from 'hono'
import { z } from 'zod'
import type { RewardRegistry } from '../../core/index.js'
import { yamlTooDeep } from '../../spec/index.js'
import { type RolloutFilter, rescoreRun, rescoresOf, type SqliteStore } from '../../store/index.js'
import { readJson, validate } from '../body.js'
import { HttpError } from '../errors.js'
import { tooDeep } from '../nesting.js'

export interface InspectorDeps {
  store: SqliteStore
  registry: RewardRegistry
}

const id = (text: string | undefined, what: string): number => {
  const n = Number(text)
  if (!Number.isSafeInteger(n) || n < 1)
    throw new HttpError(400, 'bad_request', `${what} must be a positive integer, got "${text}"`)
  return n
}

const num = (q: Record<string, string>, k: string): number | undefined => {
  const v = q[k]
  if (v === undefined || v === '') return undefined
  const n = Number(v)
  if (!Number.isFinite(n)) throw new HttpError(400, 'bad_request', `query ${k} must be a number, got "${v}"`)
  return n
}
const bool = (q: Record<string, string>, k: string): boolean | undefined =>
  q[k] === 'true' || q[k] === '1' ? true : q[k] === 'false' || q[k] === '0' ? false : undefined

/** `?range=key:min:max` (repeatable; either bound may be empty). */
function ranges(values: string[]): RolloutFilter['ranges'] {
  return values.slice(0, 8).map((v) => {
    const [key = '', lo = '', hi = ''] = v.split(':')
    const min = lo === '' ? undefined : Number(lo)
    const max = hi === '' ? undefined : Number(hi)
    if (!key || (min !== undefined && !Number.isFinite(min)) || (max !== undefined && !Number.isFinite(max)))
      throw new HttpError(400, 'bad_request', `range must be key:min:max with numbers, got "${v}"`)
    return { key, min, max }
  })
}

const RescoreBody = z.object({
  spec: z.string().min(1).max(200_000).describe('the edited reward spec, YAML or JSON text'),
  limit: z.number().int().positive().max(200_000).optional().describe('rollouts to re-score (latest steps first)'),
})

export function inspectorRoutes(app: Hono, { store, registry }: InspectorDeps): void {
  const run = async (text: string | undefined) => {
    const r = await store.getRun(id(text, 'run'))
    if (!r) throw new HttpError(404, 'not_found', `no run ${text}`)
    return r
  }
  app.get('/api/runs', async (c) => c.json({ runs: await store.listRuns() }))
  app.get('/api/runs/:run', async (c) => c.json(await run(c.req.param('run'))))
  app.get('/api/runs/:run/dashboard', async (c) => c.json(await store.dashboard((await run(c.req.param('run'))).id)))
  app.get('/api/runs/:run/findings', async (c) =>
    c.json({ findings: await store.findings((await run(c.req.param('run'))).id) }),
  )
  app.get('/api/runs/:run/rollouts', async (c) => {
    const r = await run(c.req.param('run'))
    const q = c.req.query()
    const filter: RolloutFilter = {
      step: num(q, 'step'),
      task: q.task || undefined,
      invalid: bool(q, 'invalid'),
      truncated: bool(q, 'truncated'),
      zeroVariance: bool(q, 'zeroVariance'),
      minLength: num(q, 'minLength'),
      maxLength: num(q, 'maxLength'),
      text: q.q || undefined,
      finding: num(q, 'finding'),
      ranges: ranges(c.req.queries('range') ?? []),
    }
    return c.json(
      await store.queryRollouts(r.id, filter, { limit: num(q, 'limit') ?? 50, offset: num(q, 'offset') ?? 0 }),
    )
  })
  app.get('/api/groups/:id', async (c) => {
    const g = await store.group(id(c.req.param('id'), 'group'))
    if (!g) throw new HttpError(404, 'not_found', `no group ${c.req.param('id')}`)
    return c.json(g)
  })
  app.get('/api/rollouts/:id', async (c) => {
    const rid = id(c.req.param('id'), 'rollout')
    const r = await store.rollout(rid)
    if (!r) throw new HttpError(404, 'not_found', `no rollout ${rid}`)
    return c.json({ ...r, rescores: rescoresOf(store, rid) })
  })
  app.get('/api/prompts/:id/history', async (c) =>
    c.json({ history: await store.promptHistory(id(c.req.param('id'), 'prompt')) }),
  )
  app.get('/api/images/:sha', async (c) => {
    const path = await store.imagePath(c.req.param('sha'))
    if (!path) throw new HttpError(404, 'not_found', 'no such image')
    const row = store.db.prepare('SELECT mime FROM images WHERE sha256 = ?').get(c.req.param('sha')) as {
      mime: string | null
    }
    const body = Readable.toWeb(createReadStream(path)) as ReadableStream
    return c.body(body, 200, {
      'Content-Type': row.mime ?? 'application/octet-stream',
      'Cache-Control': 'public, max-age=31536000, immutable',
    })
  })
  app.post('/api/runs/:run/rescore', async (c) => {
    const r = await run(c.req.param('run'))
    const body = validate(RescoreBody, await readJson(c))
    // the YAML parser recurses per level, and V8 can abort the process when it overflows: bound the text first
    const line = yamlTooDeep(body.spec)
    if (line !== undefined) throw tooDeep(['spec'], ` (line ${line} of the text)`)
    return c.json(await rescoreRun(store, registry, r.id, body.spec, body.limit ? { limit: body.limit } : {}))
  })
}
