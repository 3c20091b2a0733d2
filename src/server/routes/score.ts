import type { Context, Hono } from 'hono'
import type { ScoreItem, ScoreResult } from '../../core/index.js'
import { jsonText } from '../../runtime/index.js'
import { checkLength, parseJson, readBytes, validate } from '../body.js'
import type { ServerDeps } from '../deps.js'
import { runOf } from '../inspector.js'
import { itemSpans, sliceItems, withoutItems } from '../item-spans.js'
import { runBatchJson, runBatchText } from '../run-batch.js'
import { ScoreRequestSchema } from '../schemas/score.js'
import { plainScoreRequest } from '../schemas/score-fast.js'
import type { ServedSpec } from '../spec-store.js'

/** `{"spec":<provenance>,"results":[` once per served spec: the answer is this, the results' JSON text and `]}`. */
const heads = new WeakMap<ServedSpec, string>()
function answer(c: Context, served: ServedSpec, json: string): Response {
  let head = heads.get(served)
  if (head === undefined) {
    head = `{"spec":${JSON.stringify(served.provenance)},"results":[`
    heads.set(served, head)
  }
  return c.body(`${head}${json}]}`, 200, { 'Content-Type': 'application/json' })
}

/**
 * `POST /v1/score`: `{spec?, items}` → `{spec: provenance, results}` in input order (interfaces.md §4). The answer
 * is assembled from the results' JSON text as the scorer returns it (byte for byte what `c.json` would write):
 * no result objects are built unless the batch is logged to a run.
 */
export function scoreRoutes(app: Hono, deps: ServerDeps): void {
  app.post('/v1/score', async (c) => {
    const bytes = await readBytes(c)
    const unparsed = await scoreUnparsed(deps, c, bytes)
    if (unparsed) return unparsed
    const raw = parseJson(bytes)
    checkLength(raw, 'items', deps.admission.limits.maxBatchItems)
    const plain = plainScoreRequest(raw)
    const body = plain ?? validate(ScoreRequestSchema, raw)
    const served = deps.specs.resolve(body.spec)
    const items = body.items as ScoreItem[]
    // items the schema passed unchanged go to the workers as slices of the body (numeric ids become strings there too)
    const spans = plain && itemSpans(bytes, 'items', items.length)
    for (const item of items) if (typeof item.id === 'number') item.id = String(item.id)
    const itemsText = spans ? (from: number, to: number) => sliceItems(bytes, spans, from, to) : undefined
    const { json } = await runBatchJson(deps, served, items, c.req.raw.signal, itemsText)
    const run = deps.rolloutLog && runOf(body.run, c.req.header('x-sightline-run'), deps.defaultRun)
    if (run) await deps.rolloutLog?.(run, items, JSON.parse(`[${json}]`) as ScoreResult[])
    return answer(c, served, json)
  })
}

/**
 * The way through that never parses the items in this thread, whose time bounds the throughput of every worker:
 * the bytes are scanned for where each item sits (item-spans.ts), the rest of the request is parsed and checked on
 * its own, and the workers parse, check (the image policy too) and score the items from slices of the bytes.
 * Anything off that plain path (an item the schema would change or refuse, an image the policy refuses, a batch
 * logged to a run, an asynchronous spec, text that does not parse) gives undefined before any result is used,
 * and the caller parses the request as a whole: errors are worded as they always were. One difference: with the
 * queue full, a request is refused (503) before its items are checked.
 */
async function scoreUnparsed(deps: ServerDeps, c: Context, bytes: Uint8Array): Promise<Response | undefined> {
  if (!deps.scorer.scoreText) return undefined
  const spans = itemSpans(bytes, 'items')
  if (!spans || spans.spans.length / 2 > deps.admission.limits.maxBatchItems) return undefined
  let rest: unknown
  try {
    rest = JSON.parse(jsonText(withoutItems(bytes, spans)))
  } catch {
    return undefined
  }
  const body = plainScoreRequest(rest)
  if (!body || (deps.rolloutLog && runOf(body.run, c.req.header('x-sightline-run'), deps.defaultRun))) return undefined
  let served: ServedSpec
  try {
    served = deps.specs.resolve(body.spec)
  } catch {
    return undefined
  }
  const slice = (from: number, to: number) => sliceItems(bytes, spans, from, to)
  const scores = await runBatchText(deps, served, spans.spans.length / 2, slice, c.req.raw.signal)
  return scores && answer(c, served, scores.json)
}
