import type { Hono } from 'hono'
import type { ScoreItem, ScoreResult } from '../../core/index.js'
import { checkLength, readJsonText, validate } from '../body.js'
import type { ServerDeps } from '../deps.js'
import { runOf } from '../inspector.js'
import { itemSpans, sliceItems } from '../item-spans.js'
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
    const { value: raw, text } = await readJsonText(c)
    checkLength(raw, 'items', deps.admission.limits.maxBatchItems)
    const plain = plainScoreRequest(raw)
    const body = plain ?? validate(ScoreRequestSchema, raw)
    const served = deps.specs.resolve(body.spec)
    const items = body.items as ScoreItem[]
    // items the schema passed unchanged go to the workers as slices of the body (numeric ids become strings there too)
    const spans = plain && itemSpans(text, 'items', items.length)
    for (const item of items) if (typeof item.id === 'number') item.id = String(item.id)
    const itemsJson = spans ? (from: number, to: number) => sliceItems(text, spans, from, to) : undefined
    const { json } = await runBatchJson(deps, served, items, c.req.raw.signal, itemsJson)
    const run = deps.rolloutLog && runOf(body.run, c.req.header('x-sightline-run'), deps.defaultRun)
    if (run) await deps.rolloutLog?.(run, items, JSON.parse(`[${json}]`) as ScoreResult[])
    return c.body(`${headOf(served)}${json}]}`, 200, { 'Content-Type': 'application/json' })
  })
}
