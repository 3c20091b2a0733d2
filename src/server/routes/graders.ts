import type { Hono } from 'hono'
import { readJson, validate } from '../body.js'
import type { ServerDeps } from '../deps.js'
import { compileGrader, type RunGrader } from '../graders/compile.js'
import { runResponse } from '../graders/response.js'
import { type Grader, RunRequestSchema, ValidateRequestSchema } from '../graders/schema.js'
import { context } from '../graders/template.js'

const CACHE = 64

/** `POST /v1/fine_tuning/alpha/graders/run` and `/validate`, compatible with OpenAI's grader API. */
export function graderRoutes(app: Hono, deps: ServerDeps): void {
  const cache = new Map<string, RunGrader>()
  const compiled = (grader: Grader): RunGrader => {
    const key = JSON.stringify(grader)
    let run = cache.get(key)
    if (!run) {
      run = compileGrader(grader, {
        registry: deps.registry,
        embed: deps.embed,
        timeoutMs: deps.timeoutMs,
        judge: deps.judge,
      })
      if (cache.size >= CACHE) cache.delete(cache.keys().next().value as string)
      cache.set(key, run)
    }
    return run
  }

  app.post('/v1/fine_tuning/alpha/graders/run', async (c) => {
    const body = validate(RunRequestSchema, await readJson(c))
    const run = compiled(body.grader)
    const started = performance.now()
    const outcome = await run(context(body.model_sample, body.item ?? {}))
    return c.json(runResponse(body.grader, outcome, (performance.now() - started) / 1000))
  })

  app.post('/v1/fine_tuning/alpha/graders/validate', async (c) => {
    const raw = await readJson(c)
    const body = validate(ValidateRequestSchema, raw)
    compiled(body.grader)
    return c.json({ grader: (raw as { grader: unknown }).grader })
  })
}
