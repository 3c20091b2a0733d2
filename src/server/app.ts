/**
 * The reward server as a hono app on web-standard Request/Response: tested with `app.request()` (no socket),
 * listened on by `listen` (node.ts). Everything is built here, at setup; nothing is compiled per request except
 * inline specs and graders, which are cached.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import type { RewardRegistry } from '../core/index.js'
import { type JudgeClient, registerJudgeMetrics } from '../judge/index.js'
import { type ImagePolicy, imagePolicy } from '../runtime/index.js'
import { sightlineVersion } from '../runtime/version.js'
import { Admission, type AdmissionLimits } from './admission.js'
import type { ServerDeps } from './deps.js'
import { DOCS_HTML } from './docs-page.js'
import { errorBody, HttpError } from './errors.js'
import { jsonBodiesOnly, loopbackHostOnly } from './guards.js'
import { type InspectorOptions, mountInspector, rolloutLog } from './inspector.js'
import { createMetrics, type ServerMetrics } from './metrics.js'
import { openApiDocument } from './openapi.js'
import { getRewardRoutes } from './routes/get-reward.js'
import { graderRoutes } from './routes/graders.js'
import { opsRoutes } from './routes/ops.js'
import { scoreRoutes } from './routes/score.js'
import { type BatchScorer, inProcessScorer } from './scoring.js'
import { SpecStore } from './spec-store.js'

export interface AppOptions {
  registry: RewardRegistry
  /** the server's spec (`--spec`) as YAML or JSON text, used when a request carries none */
  specText?: string | undefined
  /** names the spec in errors (its file path) */
  specSource?: string
  scorer?: BatchScorer
  /** per-batch deadline in ms; unscored items past it get a timeout error. Default 30 000 */
  timeoutMs?: number
  limits?: Partial<AdmissionLimits>
  /** largest request body in bytes (413 above). Default 64 MiB */
  maxBodyBytes?: number
  /** bearer token every route but /healthz requires */
  token?: string | undefined
  /**
   * refuse (403 bad_host) a Host header that is not a loopback name, against DNS rebinding (guards.ts). Default:
   * on without a token; `sightline serve` turns it off with --token or --insecure
   */
  hostCheck?: boolean
  images?: ImagePolicy
  embed?: ServerDeps['embed']
  /** the judge client (--judge-url): rewards with needs.judge, score_model/label_model graders, /metrics */
  judge?: JudgeClient | undefined
  /** where unexpected errors go (never to the client). Default console.error */
  log?: (err: unknown) => void
  /** collect Node process metrics too. Default true */
  processMetrics?: boolean
  /** `info.version` of /openapi.json. Default: the package's version */
  version?: string
  /** the rollout store and the inspector UI (`--db`): /api, /, and /v1/score logging to runs */
  inspector?: InspectorOptions
}

export interface ServerApp {
  app: Hono
  deps: ServerDeps
  metrics: ServerMetrics
  /** begin draining: /healthz answers 503 and new requests get 503 while in-flight ones finish */
  drain(): void
}

export const DEFAULT_LIMITS: AdmissionLimits = {
  maxRequests: 512,
  maxBatchItems: 100_000,
  maxPendingItems: 400_000,
  retryAfterSeconds: 1,
}

const digest = (text: string) => createHash('sha256').update(text).digest()

/** Checks `Authorization: Bearer <token>`; the scheme is case-insensitive (RFC 7235 §2.1), the token is not. */
function bearer(token: string) {
  const expected = digest(token)
  return (header: string | undefined) => {
    const text = header ?? ''
    const scheme = /^bearer +/i.exec(text)
    // digests of equal length: the comparison takes the same time whatever was sent
    return scheme !== null && timingSafeEqual(digest(text.slice(scheme[0].length)), expected)
  }
}

export function createApp(options: AppOptions): ServerApp {
  const log = options.log ?? ((e: unknown) => console.error(e))
  const admission = new Admission({ ...DEFAULT_LIMITS, ...options.limits })
  const scorer = options.scorer ?? inProcessScorer({ itemTimeoutMs: options.timeoutMs ?? 30_000 })
  const metrics = createMetrics(admission, scorer, { defaults: options.processMetrics ?? true })
  if (options.judge) registerJudgeMetrics(metrics.registry, options.judge)
  let draining = false
  const deps: ServerDeps = {
    registry: options.registry,
    specs: new SpecStore(options.registry, {
      specText: options.specText,
      source: options.specSource ?? 'spec',
      services: options.judge ? { judge: options.judge } : {},
    }),
    scorer,
    admission,
    metrics,
    images: options.images ?? imagePolicy(),
    timeoutMs: options.timeoutMs ?? 30_000,
    embed: options.embed,
    judge: options.judge,
    draining: () => draining,
    rolloutLog: options.inspector ? rolloutLog(options.inspector.store, log) : undefined,
    defaultRun: options.inspector?.defaultRun,
  }
  const maxBody = options.maxBodyBytes ?? 64 * 1024 * 1024
  const hostCheck = options.hostCheck ?? !options.token
  const openapi = JSON.stringify(
    openApiDocument(options.version ?? sightlineVersion(), { auth: Boolean(options.token), hostCheck }),
  )
  const app = new Hono()

  app.use(async (c, next) => {
    const started = performance.now()
    await next()
    metrics.request(c.req.routePath, c.req.method, c.res.status, (performance.now() - started) / 1000)
  })
  if (hostCheck) app.use(loopbackHostOnly())
  if (options.token) {
    const ok = bearer(options.token)
    app.use(async (c, next) => {
      if (c.req.path === '/healthz' || ok(c.req.header('authorization'))) return next()
      throw new HttpError(401, 'unauthorized', 'missing or wrong bearer token (Authorization: Bearer <token>)', {
        headers: { 'WWW-Authenticate': 'Bearer' },
      })
    })
  }
  // While draining, every answer closes its connection, so a client never reuses a kept-alive socket that the
  // shutdown is about to close (it would see ECONNRESET instead of a 503 or a refused connection).
  app.use('*', async (c, next) => {
    await next()
    if (draining) c.res.headers.set('Connection', 'close')
  })
  app.use('*', async (c, next) => {
    if (c.req.method !== 'POST') return next()
    if (draining)
      throw new HttpError(503, 'shutting_down', 'the server is shutting down', { headers: { 'Retry-After': '1' } })
    const release = admission.enterRequest()
    try {
      await next()
    } finally {
      release()
    }
  })
  app.use(jsonBodiesOnly())
  app.use(
    '*',
    bodyLimit({
      maxSize: maxBody,
      onError: () => {
        throw new HttpError(
          413,
          'body_too_large',
          `the request body is over the limit of ${maxBody} bytes (--max-body)`,
        )
      },
    }),
  )

  scoreRoutes(app, deps)
  getRewardRoutes(app, deps)
  graderRoutes(app, deps)
  opsRoutes(app, deps)
  if (options.inspector) mountInspector(app, options.inspector, options.registry)
  app.get('/openapi.json', (c) => c.body(openapi, 200, { 'Content-Type': 'application/json' }))
  app.get('/docs', (c) => c.html(DOCS_HTML))

  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404))
  app.onError((err, c) => {
    if (err instanceof HTTPException && !(err instanceof HttpError)) {
      const code = err.status === 413 ? 'body_too_large' : 'http_error'
      return c.json({ error: { code, message: err.message || 'request refused' } }, err.status)
    }
    const { status, body, headers } = errorBody(err, log)
    return c.json(body, status as 400, headers)
  })
  return {
    app,
    deps,
    metrics,
    drain: () => {
      draining = true
    },
  }
}
