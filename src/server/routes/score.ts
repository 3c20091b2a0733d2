import type { Hono } from 'hono'
import type { ScoreItem } from '../../core/index.js'
import { checkLength, readJson, validate } from '../body.js'
import type { ServerDeps } from '../deps.js'
import { runOf } from '../inspector.js'
import { runBatch } from '../run-batch.js'
import { ScoreRequestSchema } from '../schemas/score.js'

/** `POST /v1/score`: `{spec?, items}` → `{spec: provenance, results}` in input order (interfaces.md §4). */
export function scoreRoutes(app: Hono, deps: ServerDeps): void {
  app.post('/v1/score', async (c) => {
    const raw = await readJson(c)
    checkLength(raw, 'items', deps.admission.limits.maxBatchItems)
    const body = validate(ScoreRequestSchema, raw)
    const served = deps.specs.resolve(body.spec)
    const items = body.items as ScoreItem[]
    for (const item of items) if (typeof item.id === 'number') item.id = String(item.id)
    const results = await runBatch(deps, served, items, c.req.raw.signal)
    const run = deps.rolloutLog && runOf(body.run, c.req.header('x-sightline-run'), deps.defaultRun)
    if (run) await deps.rolloutLog?.(run, items, results)
    return c.json({ spec: served.provenance, results })
  })
}
