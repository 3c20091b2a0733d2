import type { Hono } from 'hono'
import type { ServerDeps } from '../deps.js'

/** `GET /healthz` (liveness; 503 while draining), `GET /metrics` (Prometheus text), `GET /v1/rewards`. */
export function opsRoutes(app: Hono, deps: ServerDeps): void {
  app.get('/healthz', (c) => {
    const draining = deps.draining()
    return c.json(
      {
        status: draining ? 'draining' : 'ok',
        rewards: deps.registry.ids.length,
        spec: deps.specs.hasDefault,
        pendingItems: deps.admission.pendingItems,
      },
      draining ? 503 : 200,
    )
  })
  app.get('/metrics', async (c) => {
    const text = await deps.metrics.registry.metrics()
    return c.text(text, 200, { 'Content-Type': deps.metrics.registry.contentType })
  })
  app.get('/v1/rewards', (c) => c.json(deps.registry.list()))
}
