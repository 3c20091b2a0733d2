/**
 * `sightline serve --db F [--run R] [--demo]`: the flags that put the rollout store and the inspector on the
 * reward server, kept here so the serve command needs three lines to take them.
 */
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildDemo, openStore } from '../store/index.js'
import type { InspectorOptions } from './inspector.js'

export const INSPECTOR_FLAGS = {
  db: { type: 'string' },
  run: { type: 'string' },
  demo: { type: 'boolean', default: false },
  web: { type: 'string' },
} as const

export const INSPECTOR_USAGE = `  --db F               the rollout store (SQLite; images beside it): serves the inspector at / and its API at
                       /api, and logs /v1/score batches to a run (the request's "run", X-Sightline-Run, or --run)
  --run R              the run /v1/score logs to when a request names none (default "server")
  --demo               build the bundled demo run into the store first (--db defaults to .sightline/demo/sightline.db)
  --web D              the built inspector UI (default: web/dist of this package)`

/** The package's web/dist, found from this file (dist/server/ or src/server/). */
export function defaultWebRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist')
}

export interface InspectorFlagValues {
  db?: string | undefined
  run?: string | undefined
  demo?: boolean | undefined
  web?: string | undefined
}

/** The inspector for these flags, or undefined without --db or --demo; builds the demo run when asked. */
export async function inspectorFromFlags(
  values: InspectorFlagValues,
  cwd: string,
  say: (line: string) => void = () => {},
): Promise<(InspectorOptions & { demoRunId?: number }) | undefined> {
  if (!values.db && !values.demo) return undefined
  const path = resolve(cwd, values.db ?? join('.sightline', 'demo', 'sightline.db'))
  const store = openStore(path)
  let demoRunId: number | undefined
  if (values.demo) {
    const started = performance.now()
    const demo = await buildDemo(store)
    demoRunId = demo.run.id
    say(
      `demo run "${demo.run.name}": ${demo.rollouts} rollouts in ${path} (${Math.round(performance.now() - started)} ms)`,
    )
  }
  const options: InspectorOptions & { demoRunId?: number } = {
    store,
    webRoot: values.web ? resolve(cwd, values.web) : defaultWebRoot(),
    defaultRun: values.run ?? 'server',
  }
  if (demoRunId !== undefined) options.demoRunId = demoRunId
  return options
}
