import type { Hono } from 'hono'
import type { ScoreItem } from '../../core/index.js'
import { checkLength, readJson, validate } from '../body.js'
import type { ServerDeps } from '../deps.js'
import { badRequest, type RequestIssue } from '../errors.js'
import { labelItem } from '../openrlhf/labels.js'
import { responseText } from '../openrlhf/response-text.js'
import { runBatch } from '../run-batch.js'
import { GetRewardRequestSchema } from '../schemas/openrlhf.js'

const clip01 = (x: number) => Math.min(1, Math.max(0, x))

/**
 * `POST /get_reward`, OpenRLHF's remote reward model protocol (zero glue: `--reward.remote_url`). Scores with
 * the server's `--spec`; the task in a label routes within it.
 */
export function getRewardRoutes(app: Hono, deps: ServerDeps): void {
  app.post('/get_reward', async (c) => {
    const raw = await readJson(c)
    checkLength(raw, 'query', deps.admission.limits.maxBatchItems)
    const body = validate(GetRewardRequestSchema, raw)
    const served = deps.specs.resolve(undefined)
    const issues: RequestIssue[] = []
    const items: ScoreItem[] = body.query.map((q, i) =>
      labelItem(body.labels?.[i], responseText(q, body.prompts?.[i]), i, issues),
    )
    if (issues.length > 0) throw badRequest(issues)
    const results = await runBatch(deps, served, items, c.req.raw.signal, 'labels')
    const rewards = results.map((r) => r.score)
    const extra_logs: Record<string, number[]> = {}
    for (const key of served.provenance.componentKeys) extra_logs[key] = results.map((r) => r.components[key] ?? 0)
    extra_logs['sightline/valid'] = results.map((r) => (r.valid ? 1 : 0))
    extra_logs['sightline/error'] = results.map((r) => (r.error ? 1 : 0))
    return c.json({ rewards, scores: rewards.map(clip01), extra_logs })
  })
}
