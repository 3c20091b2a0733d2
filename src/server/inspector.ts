/**
 * Mounts the inspector on the reward server: its JSON API (routes/inspector.ts), the built web UI (web/dist) at
 * `/`, and the rollout log that `/v1/score` writes to when a run is named (a `run` field, an `X-Sightline-Run`
 * header, or the default run that `--db` turns on).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Hono } from 'hono'
import type { RewardRegistry, ScoreItem, ScoreResult } from '../core/index.js'
import type { IngestRollout, SqliteStore } from '../store/index.js'
import { inspectorRoutes } from './routes/inspector.js'

export interface InspectorOptions {
  store: SqliteStore
  /** the built UI (index.html and assets/); the API still works without it */
  webRoot?: string | undefined
  /** `/v1/score` batches go to this run unless the request names another; undefined: only when named */
  defaultRun?: string | undefined
}

/** Logs one scored batch to a run; never throws (scoring must not fail because the log did). */
export type RolloutLog = (run: string, items: readonly ScoreItem[], results: readonly ScoreResult[]) => Promise<void>

export function rolloutLog(store: SqliteStore, log: (e: unknown) => void): RolloutLog {
  return async (run, items, results) => {
    try {
      const info = await store.ensureRun({ name: run, source: 'server' })
      const batch: IngestRollout[] = items.map((item, i) => {
        const r = results[i] as ScoreResult
        return {
          ...item,
          step: item.step ?? 0,
          score: r.score,
          components: r.components,
          valid: r.valid,
          reason: r.reason,
        }
      })
      await store.ingest(info.id, batch)
    } catch (e) {
      log(e)
    }
  }
}

/** The run a `/v1/score` request logs to: the body's `run`, else the header, else the default; `false` turns it off. */
export function runOf(bodyRun: unknown, header: string | undefined, fallback: string | undefined): string | undefined {
  if (bodyRun === false || header === 'off') return undefined
  if (typeof bodyRun === 'string' && bodyRun.trim()) return bodyRun.trim().slice(0, 200)
  if (header?.trim()) return header.trim().slice(0, 200)
  return fallback
}

export function mountInspector(app: Hono, options: InspectorOptions, registry: RewardRegistry): void {
  inspectorRoutes(app, { store: options.store, registry })
  const root = options.webRoot
  if (root && existsSync(join(root, 'index.html'))) {
    app.get('/assets/*', serveStatic({ root }))
    app.get('/', serveStatic({ root, path: 'index.html' }))
  } else {
    app.get('/', (c) =>
      c.text('the inspector UI is not built: run `npm run build` (it builds web/dist); the API is under /api', 503),
    )
  }
}
