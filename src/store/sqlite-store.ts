/**
 * `RolloutStore` on SQLite (better-sqlite3, WAL): the system of record for one machine. Writes run through
 * prepared statements in one transaction per batch (ingest.ts); reads go through Kysely (queries.ts), so a
 * PostgreSQL store can reuse them. Images live beside the database file, by sha256.
 */
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import type { Kysely } from 'kysely'
import { defaultRegistry } from '../rewards/packs.js'
import { compileSpec, parseSpecText } from '../spec/index.js'
import { dashboardSeries } from './dashboard.js'
import { kyselyOf, parseJson, type RunsTable, type StoreDb } from './db.js'
import { componentCollapse, lengthCorrelationDrift } from './detectors/step.js'
import { decodeImageData, ImageFiles } from './images.js'
import { type IngestContext, type IngestStatements, ingestBatch, prepareIngest } from './ingest.js'
import { migrate } from './migrations.js'
import { DEFAULT_OVERLAY, type OverlayConfig, overlayConfig } from './overlay.js'
import { findings, groupView, promptHistory, queryRollouts, runInfo } from './queries.js'
import type {
  Dashboard,
  IngestReport,
  IngestRollout,
  RolloutFilter,
  RolloutStore,
  RunInfo,
  RunInput,
  StoredImage,
} from './types.js'

export interface OpenStoreOptions {
  /** where images go; default: an `images` folder beside the database */
  imageRoot?: string
}

/** Points in the dashboard's scatter plot. */
const SCATTER = 3000

export class SqliteStore implements RolloutStore {
  readonly db: Database.Database
  readonly k: Kysely<StoreDb>
  readonly images: ImageFiles
  private readonly st: IngestStatements
  private readonly contexts = new Map<number, IngestContext>()
  private readonly overlays = new Map<number, OverlayConfig>()

  constructor(path: string, options: OpenStoreOptions = {}) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
    this.db = new Database(path)
    this.db.pragma('journal_mode = WAL')
    // NORMAL in WAL mode: a committed batch survives a crash of the process (kill -9); only an OS crash or
    // power cut can lose the last commits, never corrupt the database
    this.db.pragma('synchronous = NORMAL')
    this.db.pragma('busy_timeout = 5000')
    this.db.pragma('foreign_keys = OFF')
    migrate(this.db)
    this.k = kyselyOf(this.db)
    this.st = prepareIngest(this.db)
    this.images = new ImageFiles(
      options.imageRoot ?? (path === ':memory:' ? join(process.cwd(), '.sightline') : dirname(path)),
    )
  }

  private runRow(idOrName: number | string): RunsTable | undefined {
    const sql = typeof idOrName === 'number' ? 'SELECT * FROM runs WHERE id = ?' : 'SELECT * FROM runs WHERE name = ?'
    return this.db.prepare(sql).get(idOrName) as RunsTable | undefined
  }

  async createRun(run: RunInput): Promise<RunInfo> {
    const info = this.db
      .prepare('INSERT INTO runs (name, source, created_at, spec_text, meta) VALUES (?, ?, ?, ?, ?)')
      .run(
        run.name,
        run.source,
        new Date().toISOString(),
        run.specText ?? null,
        run.meta ? JSON.stringify(run.meta) : null,
      )
    return runInfo(this.k, this.runRow(Number(info.lastInsertRowid)) as RunsTable)
  }

  async ensureRun(run: RunInput): Promise<RunInfo> {
    const row = this.runRow(run.name)
    return row ? runInfo(this.k, row) : this.createRun(run)
  }

  async getRun(idOrName: number | string): Promise<RunInfo | undefined> {
    const row = this.runRow(idOrName)
    return row ? runInfo(this.k, row) : undefined
  }

  async listRuns(): Promise<RunInfo[]> {
    const rows = await this.k.selectFrom('runs').selectAll().orderBy('id', 'desc').execute()
    return Promise.all(rows.map((r) => runInfo(this.k, r)))
  }

  /** The overlay settings of a run: from its spec's grounding reward, else the defaults. */
  overlayOf = (runId: number): OverlayConfig => {
    let o = this.overlays.get(runId)
    if (o) return o
    const text = this.runRow(runId)?.spec_text
    o = DEFAULT_OVERLAY
    if (text) {
      try {
        o = overlayConfig(compileSpec(parseSpecText(text), defaultRegistry()).rewards)
      } catch {
        // a spec this build cannot compile (a plugin reward): draw with the defaults
      }
    }
    this.overlays.set(runId, o)
    return o
  }

  private context(runId: number): IngestContext {
    let ctx = this.contexts.get(runId)
    if (ctx) return ctx
    const row = this.runRow(runId)
    if (!row) throw new Error(`no run with id ${runId}`)
    ctx = {
      runId,
      overlay: this.overlayOf(runId),
      componentKeys: new Set(parseJson<string[]>(row.component_keys, [])),
      prompts: new Map(),
      groups: new Map(),
    }
    this.contexts.set(runId, ctx)
    return ctx
  }

  /** Hashes and writes a rollout's images (before the transaction: files are content-addressed, so idempotent). */
  private async storeImages(r: IngestRollout): Promise<StoredImage[]> {
    const out: StoredImage[] = []
    for (const im of r.images ?? []) {
      const bytes = im.bytes ?? (im.data ? decodeImageData(im.data) : undefined)
      const put = bytes ? await this.images.put(bytes, { width: im.width, height: im.height }) : undefined
      if (put) this.st.image.run(put.sha256, put.width ?? null, put.height ?? null, put.mime ?? null, put.bytes)
      const s: StoredImage = {
        sha256: put?.sha256 ?? im.sha256 ?? null,
        width: put?.width ?? im.width ?? null,
        height: put?.height ?? im.height ?? null,
      }
      if (im.inputWidth) s.inputWidth = im.inputWidth
      if (im.inputHeight) s.inputHeight = im.inputHeight
      if (!put && im.path) s.path = im.path
      out.push(s)
    }
    return out
  }

  async ingest(runId: number, batch: readonly IngestRollout[]): Promise<IngestReport> {
    const ctx = this.context(runId)
    const images: StoredImage[][] = []
    let stored = 0
    for (const r of batch) {
      const ims = r.images?.length ? await this.storeImages(r) : []
      stored += ims.length
      images.push(ims)
    }
    const steps = new Set<number>()
    for (const r of batch) steps.add(Math.trunc(r.step))
    let report: IngestReport
    try {
      report = this.db.transaction(() => ingestBatch(this.st, ctx, batch, images))()
    } catch (e) {
      this.contexts.delete(runId) // the caches may name rows the rollback removed
      throw e
    }
    report.images = stored
    report.findings += await this.detectSteps(runId, steps)
    return report
  }

  /** Re-runs the per-step detectors for the steps just written; each finding links to its rollouts. */
  private async detectSteps(runId: number, touched: Set<number>): Promise<number> {
    const keys = [...this.context(runId).componentKeys]
    const s = await dashboardSeries(this.k, runId, keys, { zeroVariance: false })
    const drift = lengthCorrelationDrift(s.steps, s.lengthScoreCorr).filter((f) => touched.has(f.step))
    const collapse = componentCollapse(s.steps, s.components).filter((f) => touched.has(f.step))
    const del = this.db.prepare(
      "DELETE FROM finding_rollouts WHERE finding_id IN (SELECT id FROM findings WHERE run_id = ? AND step = ? AND detector IN ('length-correlation-drift', 'component-collapse'))",
    )
    const delF = this.db.prepare(
      "DELETE FROM findings WHERE run_id = ? AND step = ? AND detector IN ('length-correlation-drift', 'component-collapse')",
    )
    const ins = this.db.prepare(
      'INSERT INTO findings (run_id, detector, step, severity, summary) VALUES (?, ?, ?, ?, ?) RETURNING id',
    )
    const link = this.db.prepare(
      'INSERT OR IGNORE INTO finding_rollouts (finding_id, rollout_id) SELECT ?, id FROM rollouts WHERE run_id = ? AND step = ? ORDER BY length DESC LIMIT 24',
    )
    const linkAny = this.db.prepare(
      'INSERT OR IGNORE INTO finding_rollouts (finding_id, rollout_id) SELECT ?, rollout_id FROM components WHERE key = ? AND rollout_id IN (SELECT id FROM rollouts WHERE run_id = ? AND step = ? LIMIT 24)',
    )
    this.db.transaction(() => {
      for (const step of touched) {
        del.run(runId, step)
        delF.run(runId, step)
      }
      const collapsedBy = new Map<number, string[]>()
      for (const f of collapse) collapsedBy.set(f.step, [...(collapsedBy.get(f.step) ?? []), f.summary])
      for (const f of drift) {
        const { id } = ins.get(runId, 'length-correlation-drift', f.step, 'warn', f.summary) as { id: number }
        link.run(id, runId, f.step)
      }
      for (const [step, summaries] of collapsedBy) {
        const { id } = ins.get(runId, 'component-collapse', step, 'warn', summaries.join('; ')) as { id: number }
        const key = collapse.find((c) => c.step === step)?.key ?? ''
        linkAny.run(id, key, runId, step)
      }
    })()
    return drift.length + collapse.length
  }

  async dashboard(runId: number): Promise<Dashboard> {
    const run = await this.getRun(runId)
    if (!run) throw new Error(`no run with id ${runId}`)
    const series = await dashboardSeries(this.k, runId, run.componentKeys)
    // a per-step sample through the (run_id, step) index: no index of its own to keep up on every insert
    const per = Math.max(1, Math.ceil(SCATTER / Math.max(1, series.steps.length)))
    const sample = this.db.prepare('SELECT length, score, step FROM rollouts WHERE run_id = ? AND step = ? LIMIT ?')
    const pts: { length: number; score: number; step: number }[] = []
    for (const step of series.steps) pts.push(...(sample.all(runId, step, per) as typeof pts))
    return {
      run,
      series,
      scatter: { length: pts.map((p) => p.length), score: pts.map((p) => p.score), step: pts.map((p) => p.step) },
      findings: await findings(this.k, runId),
    }
  }

  queryRollouts(runId: number, filter?: RolloutFilter, page?: { limit?: number; offset?: number }) {
    return queryRollouts(this.k, runId, filter, page)
  }

  group(groupId: number) {
    return groupView(this.k, groupId, this.overlayOf)
  }

  async rollout(rolloutId: number) {
    const r = this.db.prepare('SELECT group_id FROM rollouts WHERE id = ?').get(rolloutId) as
      | { group_id: number }
      | undefined
    if (!r) return undefined
    const group = await this.group(r.group_id)
    const detail = group?.rollouts.find((x) => x.id === rolloutId)
    return group && detail ? { ...detail, group } : undefined
  }

  promptHistory(promptId: number) {
    return promptHistory(this.k, promptId)
  }

  findings(runId: number) {
    return findings(this.k, runId)
  }

  async imagePath(sha256: string): Promise<string | undefined> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return undefined
    const row = this.db.prepare('SELECT 1 FROM images WHERE sha256 = ?').get(sha256)
    return row ? this.images.pathOf(sha256) : undefined
  }

  async close(): Promise<void> {
    await this.k.destroy().catch(() => {})
    if (this.db.open) this.db.close()
  }
}

/** Opens (and migrates) a store at `path`. */
export function openStore(path: string, options: OpenStoreOptions = {}): SqliteStore {
  return new SqliteStore(path, options)
}
