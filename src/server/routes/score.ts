import type { Hono } from 'hono'
import type { ScoreItem, ScoreResult } from '../../core/index.js'
import { checkLength, readJson, validate } from '../body.js'
import type { ServerDeps } from '../deps.js'
import { runOf } from '../inspector.js'
import { runBatchJson } from '../run-batch.js'
import { ScoreRequestSchema } from '../schemas/score.js'
import { plainScoreRequest } from '../schemas/score-fast.js'
import type { ServedSpec } from '../spec-store.js'

/** `{"spec":<provenance>,"results":[` once per served spec: the answer is this, the results' JSON text and `]}`. */
const heads = new WeakMap<ServedSpec, string>()
function headOf(served: ServedSpec): string {
  let head = heads.get(served)
  if (head === undefined) {
    head = `{"spec":${JSON.stringify(served.provenance)},"results":[`
    heads.set(served, head)
  }
  return head
}

/**
 * `POST /v1/score`: `{spec?, items}` → `{spec: provenance, results}` in input order (interfaces.md §4). The answer
 * is assembled from the results' JSON text as the scorer returns it (byte for byte what `c.json` would write):
 * no result objects are built unless the batch is logged to a run.
 */
export function scoreRoutes(app: Hono, deps: ServerDeps): void {
  app.post('/v1/score', async (c) => {
    const raw = await readJson(c)
    checkLength(raw, 'items', deps.admission.limits.maxBatchItems)
    const body = plainScoreRequest(raw) ?? validate(ScoreRequestSchema, raw)
    const served = deps.specs.resolve(body.spec)
    const items = body.items as ScoreItem[]
    for (const item of items) if (typeof item.id === 'number') item.id = String(item.id)
    const { json } = await runBatchJson(deps, served, items, c.req.raw.signal)
    const run = deps.rolloutLog && runOf(body.run, c.req.header('x-sightline-run'), deps.defaultRun)
    if (run) await deps.rolloutLog?.(run, items, JSON.parse(`[${json}]`) as ScoreResult[])
    return c.body(`${headOf(served)}${json}]}`, 200, { 'Content-Type': 'application/json' })
  })
}
