/**
 * The write path: one batch of rollouts in one SQLite transaction (all or nothing), with prepared statements and
 * per-run caches of prompt and group ids, step aggregates folded in memory and written once per (step, metric),
 * and the per-rollout hacking detectors run inline. Rewards are called millions of times, and so is this.
 */
import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import {
  accuracyOf,
  type DetectorId,
  formatOf,
  isFormatKey,
  ROLLOUT_DETECTORS,
  rolloutFlags,
} from './detectors/rollout.js'
import { type OverlayConfig, predictedShapes, referenceShapes } from './overlay.js'
import { imageRefOf } from './queries.js'
import type { IngestReport, IngestRollout, OverlayShapes, StoredImage } from './types.js'

/** components written by one multi-row statement; more go one by one */
const MULTI = 16
const ARGS: (number | string)[] = new Array(MULTI * 3)
const MULTI_STATEMENTS = new WeakMap<IngestStatements, Database.Statement[]>()

function componentsInsert(st: IngestStatements, n: number): Database.Statement {
  let list = MULTI_STATEMENTS.get(st)
  if (!list) {
    list = []
    MULTI_STATEMENTS.set(st, list)
  }
  let s = list[n]
  if (!s) {
    const db = (st.component as Database.Statement & { database: Database.Database }).database
    s = db.prepare(`INSERT INTO components (rollout_id, key, value) VALUES ${Array(n).fill('(?, ?, ?)').join(', ')}`)
    list[n] = s
  }
  return s
}

/** prompts and groups remembered per run between batches */
const MAX_CACHED = 100_000
const FORMAT_FAIL = new Set(['format_mismatch', 'no_answer'])
/** Responses are stored up to this many characters (the rest is cut, and `meta.cut` says how much). */
export const MAX_RESPONSE = 1 << 20

interface GroupState {
  id: number
  n: number
  sum: number
  sumsq: number
  min: number
  max: number
}
interface PromptState {
  id: number
  gt: OverlayShapes
  image: StoredImage | undefined
}

export interface IngestContext {
  runId: number
  overlay: OverlayConfig
  componentKeys: Set<string>
  prompts: Map<string, PromptState>
  groups: Map<string, GroupState>
}

type Acc = [n: number, sum: number, sumsq: number]

type StatementName =
  | 'prompt'
  | 'group'
  | 'groupUpdate'
  | 'rollout'
  | 'component'
  | 'stat'
  | 'finding'
  | 'link'
  | 'image'
  | 'keys'
export type IngestStatements = Record<StatementName, Database.Statement>

function statements(db: Database.Database): IngestStatements {
  return {
    prompt: db.prepare(
      'INSERT INTO prompts (run_id, key, task, prompt, reference, images, meta) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, key) DO UPDATE SET key = excluded.key RETURNING id',
    ),
    group: db.prepare(
      'INSERT INTO groups (run_id, step, uid, prompt_id) VALUES (?, ?, ?, ?) ON CONFLICT (run_id, step, uid) DO UPDATE SET uid = excluded.uid RETURNING id, n, sum, sumsq, min, max',
    ),
    groupUpdate: db.prepare('UPDATE groups SET n = ?, sum = ?, sumsq = ?, min = ?, max = ? WHERE id = ?'),
    rollout: db.prepare(
      'INSERT INTO rollouts (run_id, group_id, prompt_id, step, idx, ext_id, task, response, score, valid, reason_code, reason, length, truncated, judge_cost, trainer_advantage, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    component: db.prepare('INSERT INTO components (rollout_id, key, value) VALUES (?, ?, ?)'),
    stat: db.prepare(
      'INSERT INTO step_stats (run_id, step, metric, n, sum, sumsq) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, step, metric) DO UPDATE SET n = n + excluded.n, sum = sum + excluded.sum, sumsq = sumsq + excluded.sumsq',
    ),
    finding: db.prepare(
      'INSERT INTO findings (run_id, detector, step, severity, summary) VALUES (?, ?, ?, ?, ?) ON CONFLICT (run_id, detector, step) DO UPDATE SET summary = excluded.summary RETURNING id',
    ),
    link: db.prepare('INSERT OR IGNORE INTO finding_rollouts (finding_id, rollout_id) VALUES (?, ?)'),
    image: db.prepare('INSERT OR IGNORE INTO images (sha256, width, height, mime, bytes) VALUES (?, ?, ?, ?, ?)'),
    keys: db.prepare('UPDATE runs SET component_keys = ? WHERE id = ?'),
  }
}
export const prepareIngest = statements

function promptKey(r: IngestRollout, images: StoredImage[]): string {
  const h = createHash('sha1')
  h.update(r.task ?? '')
  h.update('\u0000')
  h.update(typeof r.prompt === 'string' ? r.prompt : JSON.stringify(r.prompt ?? null))
  h.update('\u0000')
  h.update(JSON.stringify(r.reference ?? null))
  for (const im of images) h.update(`\u0000${im.sha256 ?? im.path ?? ''}`)
  return h.digest('hex').slice(0, 32)
}

function fold(map: Map<string, Acc>, metric: string, v: number): void {
  const a = map.get(metric)
  if (a) {
    a[0]++
    a[1] += v
    a[2] += v * v
  } else map.set(metric, [1, v, v * v])
}

const FORMAT_KEYS = new Map<string, boolean>()
/** Whether a component key names a format reward (cached: the same few keys repeat on every rollout). */
function formatKey(key: string): boolean {
  let f = FORMAT_KEYS.get(key)
  if (f === undefined) {
    f = isFormatKey(key)
    if (FORMAT_KEYS.size < 10_000) FORMAT_KEYS.set(key, f)
  }
  return f
}

/** `c:<key>` step-stat names, built once per component key rather than once per rollout. */
const METRICS = new Map<string, string>()
function metricOf(key: string): string {
  let m = METRICS.get(key)
  if (m === undefined) {
    m = `c:${key}`
    if (METRICS.size < 10_000) METRICS.set(key, m)
  }
  return m
}

const finite = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback)

/** Writes one batch; `images[i]` are the stored images of `batch[i]` (hashed and written before the transaction). */
export function ingestBatch(
  st: IngestStatements,
  ctx: IngestContext,
  batch: readonly IngestRollout[],
  images: readonly StoredImage[][],
): IngestReport {
  // the caches are only caches (the upserts return what is stored): bounded, and cleared between batches only
  if (ctx.groups.size > MAX_CACHED) ctx.groups.clear()
  if (ctx.prompts.size > MAX_CACHED) ctx.prompts.clear()
  const stats = new Map<number, Map<string, Acc>>()
  const touched = new Map<GroupState, { id: number; score: number; step: number }[]>()
  const links = new Map<string, { detector: DetectorId; step: number; ids: number[] }>()
  const keysBefore = ctx.componentKeys.size
  let newGroups = 0
  const flag = (detector: DetectorId, step: number, id: number) => {
    const k = `${detector}\u0000${step}`
    const l = links.get(k)
    if (l) l.ids.push(id)
    else links.set(k, { detector, step, ids: [id] })
  }
  let last: { uid: string | undefined; step: number; prompt: PromptState; group: GroupState } | undefined
  for (let i = 0; i < batch.length; i++) {
    const r = batch[i] as IngestRollout
    const imgs = images[i] ?? []
    const step = Math.trunc(finite(r.step))
    // a GRPO group shares its prompt: the next rollout of the same (step, group) reuses both lookups
    let prompt: PromptState
    let group: GroupState
    if (last && r.group !== undefined && r.group === last.uid && step === last.step) {
      prompt = last.prompt
      group = last.group
    } else {
      const pk = promptKey(r, imgs)
      const cachedPrompt = ctx.prompts.get(pk)
      if (cachedPrompt) prompt = cachedPrompt
      else {
        const row = st.prompt.get(
          ctx.runId,
          pk,
          r.task ?? null,
          r.prompt === undefined ? null : JSON.stringify(r.prompt),
          r.reference === undefined ? null : JSON.stringify(r.reference),
          JSON.stringify(imgs),
          r.meta ? JSON.stringify(r.meta) : null,
        ) as { id: number }
        prompt = { id: row.id, gt: referenceShapes(r.reference), image: imgs[0] }
        ctx.prompts.set(pk, prompt)
      }
      const uid = r.group ?? `prompt:${pk}`
      const gk = `${step}\u0000${uid}`
      const cachedGroup = ctx.groups.get(gk)
      if (cachedGroup) group = cachedGroup
      else {
        const row = st.group.get(ctx.runId, step, uid, prompt.id) as {
          id: number
          n: number
          sum: number
          sumsq: number
          min: number | null
          max: number | null
        }
        group = {
          id: row.id,
          n: row.n,
          sum: row.sum,
          sumsq: row.sumsq,
          min: row.min ?? Infinity,
          max: row.max ?? -Infinity,
        }
        if (row.n === 0) newGroups++
        ctx.groups.set(gk, group)
      }
      last = { uid: r.group, step, prompt, group }
    }
    const score = finite(r.score)
    let response = typeof r.response === 'string' ? r.response : String(r.response ?? '')
    let meta = r.meta
    if (response.length > MAX_RESPONSE) {
      meta = { ...meta, cut: response.length - MAX_RESPONSE }
      response = response.slice(0, MAX_RESPONSE)
    }
    const comps = r.components ?? {}
    const valid = r.valid !== false
    const reasonCode = r.reason?.code ?? null
    const length = Math.max(0, Math.trunc(finite(r.length, response.length)))
    const truncated = r.truncated === true
    const judgeCost = finite(r.judgeCost)
    const info = st.rollout.run(
      ctx.runId,
      group.id,
      prompt.id,
      step,
      group.n,
      r.id ?? null,
      r.task ?? null,
      response,
      score,
      valid ? 1 : 0,
      reasonCode,
      r.reason ? JSON.stringify(r.reason) : null,
      length,
      truncated ? 1 : 0,
      judgeCost,
      typeof r.advantage === 'number' && Number.isFinite(r.advantage) ? r.advantage : null,
      meta ? JSON.stringify(meta) : null,
    )
    const id = Number(info.lastInsertRowid)
    let s = stats.get(step)
    if (!s) {
      s = new Map()
      stats.set(step, s)
    }
    fold(s, 'score', score)
    fold(s, 'length', length)
    fold(s, 'len_score', length * score)
    fold(s, 'invalid', valid ? 0 : 1)
    fold(s, 'truncated', truncated ? 1 : 0)
    fold(s, 'judge_cost', judgeCost)
    let formatFail = reasonCode !== null && FORMAT_FAIL.has(reasonCode)
    // one multi-row INSERT per rollout (up to MULTI components), a third cheaper than one statement per component
    let nComp = 0
    for (const k in comps) {
      const v = finite(comps[k])
      if (nComp < MULTI) {
        ARGS[nComp * 3] = id
        ARGS[nComp * 3 + 1] = k
        ARGS[nComp * 3 + 2] = v
        nComp++
      } else st.component.run(id, k, v)
      fold(s, metricOf(k), v)
      if (!ctx.componentKeys.has(k)) ctx.componentKeys.add(k)
      if (v === 0 && formatKey(k)) formatFail = true
    }
    if (nComp > 0) componentsInsert(st, nComp).run(ARGS.slice(0, nComp * 3))
    fold(s, 'format_fail', formatFail ? 1 : 0)
    group.n++
    group.sum += score
    group.sumsq += score * score
    if (score < group.min) group.min = score
    if (score > group.max) group.max = score
    // only format-only candidates are kept for the group pass: a format reward and no accuracy
    let list = touched.get(group)
    if (!list) {
      list = []
      touched.set(group, list)
    }
    const f = formatOf(comps)
    if (f !== undefined && f > 0 && accuracyOf(comps, score) === 0) list.push({ id, score, step })
    const predicted =
      prompt.gt.boxes.length > 0
        ? predictedShapes(response, prompt.image ? imageRefOf(prompt.image) : undefined, r.meta, ctx.overlay)
        : undefined
    for (const d of rolloutFlags({
      response,
      score,
      components: comps,
      width: prompt.image?.width,
      height: prompt.image?.height,
      predicted,
      groundTruth: prompt.gt,
    }))
      flag(d, step, id)
  }
  for (const [g, rows] of touched) {
    st.groupUpdate.run(g.n, g.sum, g.sumsq, g.min, g.max, g.id)
    // format-only wins, judged on the group as stored so far (a group split across batches is judged per batch)
    if (g.n < 2) continue
    const mean = g.sum / g.n
    const std = Math.sqrt(Math.max(0, (g.sumsq - g.n * mean * mean) / (g.n - 1)))
    for (const r of rows) if ((r.score - mean) / (std + 1e-6) > 0) flag('format-only-win', r.step, r.id)
  }
  for (const [step, s] of stats) for (const [metric, a] of s) st.stat.run(ctx.runId, step, metric, a[0], a[1], a[2])
  for (const l of links.values()) {
    const severity = l.detector === 'repetition' ? 'warn' : 'high'
    const summary = ROLLOUT_DETECTORS[l.detector as keyof typeof ROLLOUT_DETECTORS] ?? l.detector
    const f = st.finding.get(ctx.runId, l.detector, l.step, severity, summary) as { id: number }
    for (const id of l.ids) st.link.run(f.id, id)
  }
  if (ctx.componentKeys.size !== keysBefore) st.keys.run(JSON.stringify([...ctx.componentKeys]), ctx.runId)
  return { rollouts: batch.length, groups: newGroups, images: 0, findings: links.size }
}
