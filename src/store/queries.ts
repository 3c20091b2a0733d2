/** The read side of the store: runs, filtered rollouts, group and rollout views, prompt history, findings. */
import { type Kysely, sql } from 'kysely'
import { groupStats, grpoAdvantages } from '../advantages/index.js'
import type { ChatMessage, ImageRef } from '../core/index.js'
import { parseJson, type RunsTable, type StoreDb } from './db.js'
import { type OverlayConfig, predictedShapes, referenceShapes } from './overlay.js'
import type {
  FindingInfo,
  GroupView,
  Page,
  PromptHistoryEntry,
  RolloutDetail,
  RolloutFilter,
  RolloutRow,
  RunInfo,
  StoredImage,
} from './types.js'

const SNIPPET = 160
const MAX_PAGE = 500

export async function runInfo(db: Kysely<StoreDb>, r: RunsTable): Promise<RunInfo> {
  const counts = await sql<{ rollouts: number; steps: number }>`
    SELECT coalesce(sum(n), 0) AS rollouts, count(DISTINCT step) AS steps FROM step_stats WHERE run_id = ${r.id} AND metric = 'score'`.execute(
    db,
  )
  const groups = await db
    .selectFrom('groups')
    .select(sql<number>`count(*)`.as('c'))
    .where('run_id', '=', r.id)
    .executeTakeFirst()
  const findings = await db
    .selectFrom('findings')
    .select(sql<number>`count(*)`.as('c'))
    .where('run_id', '=', r.id)
    .executeTakeFirst()
  return {
    id: r.id,
    name: r.name,
    source: r.source,
    createdAt: r.created_at,
    specText: r.spec_text,
    componentKeys: parseJson<string[]>(r.component_keys, []),
    rollouts: counts.rows[0]?.rollouts ?? 0,
    steps: counts.rows[0]?.steps ?? 0,
    groups: groups?.c ?? 0,
    findings: findings?.c ?? 0,
  }
}

/** Rollouts matching a filter, newest step first, then group and index. */
export async function queryRollouts(
  db: Kysely<StoreDb>,
  runId: number,
  f: RolloutFilter = {},
  page: Page = {},
): Promise<{ total: number; rows: RolloutRow[] }> {
  let q = db.selectFrom('rollouts as r').where('r.run_id', '=', runId)
  if (f.step !== undefined) q = q.where('r.step', '=', f.step)
  if (f.task !== undefined) q = q.where('r.task', '=', f.task)
  if (f.invalid !== undefined) q = q.where('r.valid', '=', f.invalid ? 0 : 1)
  if (f.truncated !== undefined) q = q.where('r.truncated', '=', f.truncated ? 1 : 0)
  if (f.minLength !== undefined) q = q.where('r.length', '>=', f.minLength)
  if (f.maxLength !== undefined) q = q.where('r.length', '<=', f.maxLength)
  if (f.text) {
    const needle = f.text.toLowerCase().slice(0, 200)
    q = q.where(sql<boolean>`instr(lower(r.response), ${needle}) > 0`)
  }
  if (f.finding !== undefined) {
    const id = f.finding
    q = q.where('r.id', 'in', (s) => s.selectFrom('finding_rollouts').select('rollout_id').where('finding_id', '=', id))
  }
  if (f.zeroVariance !== undefined) {
    const zero = f.zeroVariance
    q = q.where('r.group_id', 'in', (s) =>
      s
        .selectFrom('groups')
        .select('id')
        .where('run_id', '=', runId)
        .where(sql<boolean>`(n >= 2 AND max = min) = ${zero ? 1 : 0}`),
    )
  }
  for (const range of f.ranges ?? []) {
    if (range.key === 'score') {
      if (range.min !== undefined) q = q.where('r.score', '>=', range.min)
      if (range.max !== undefined) q = q.where('r.score', '<=', range.max)
      continue
    }
    const { key, min, max } = range
    // EXISTS probes the (rollout_id, key) primary key per candidate row, rather than scanning every component
    q = q.where(({ exists, selectFrom }) => {
      let c = selectFrom('components as c')
        .select('c.rollout_id')
        .whereRef('c.rollout_id', '=', 'r.id')
        .where('c.key', '=', key)
      if (min !== undefined) c = c.where('c.value', '>=', min)
      if (max !== undefined) c = c.where('c.value', '<=', max)
      return exists(c)
    })
  }
  const total = await q.select(sql<number>`count(*)`.as('c')).executeTakeFirst()
  const limit = Math.min(MAX_PAGE, Math.max(1, page.limit ?? 50))
  const rows = await q
    .select([
      'r.id',
      'r.group_id',
      'r.prompt_id',
      'r.step',
      'r.idx',
      'r.task',
      'r.score',
      'r.valid',
      'r.reason_code',
      'r.length',
      'r.truncated',
      sql<string>`substr(r.response, 1, ${SNIPPET})`.as('snippet'),
    ])
    .orderBy('r.step', 'desc')
    .orderBy('r.group_id')
    .orderBy('r.idx')
    .limit(limit)
    .offset(Math.max(0, page.offset ?? 0))
    .execute()
  const ids = rows.map((r) => r.id)
  const comps = await componentsOf(db, ids)
  const flags = await flagsOf(db, ids)
  return {
    total: total?.c ?? 0,
    rows: rows.map((r) => ({
      id: r.id,
      groupId: r.group_id,
      promptId: r.prompt_id,
      step: r.step,
      index: r.idx,
      task: r.task,
      score: r.score,
      components: comps.get(r.id) ?? {},
      valid: r.valid === 1,
      reasonCode: r.reason_code,
      length: r.length,
      truncated: r.truncated === 1,
      snippet: r.snippet,
      flags: flags.get(r.id)?.map((f) => f.detector) ?? [],
    })),
  }
}

async function componentsOf(db: Kysely<StoreDb>, ids: number[]): Promise<Map<number, Record<string, number>>> {
  const out = new Map<number, Record<string, number>>()
  if (ids.length === 0) return out
  const rows = await db
    .selectFrom('components')
    .select(['rollout_id', 'key', 'value'])
    .where('rollout_id', 'in', ids)
    .execute()
  for (const r of rows) {
    let c = out.get(r.rollout_id)
    if (!c) {
      c = {}
      out.set(r.rollout_id, c)
    }
    c[r.key] = r.value
  }
  return out
}

async function flagsOf(db: Kysely<StoreDb>, ids: number[]) {
  const out = new Map<number, { id: number; detector: string; summary: string }[]>()
  if (ids.length === 0) return out
  const rows = await db
    .selectFrom('finding_rollouts as l')
    .innerJoin('findings as f', 'f.id', 'l.finding_id')
    .select(['l.rollout_id', 'f.id', 'f.detector', 'f.summary'])
    .where('l.rollout_id', 'in', ids)
    .execute()
  for (const r of rows) {
    let l = out.get(r.rollout_id)
    if (!l) {
      l = []
      out.set(r.rollout_id, l)
    }
    l.push({ id: r.id, detector: r.detector, summary: r.summary })
  }
  return out
}

/** One GRPO group: its prompt, images, ground truth, and every rollout with components, advantage and overlay. */
export async function groupView(
  db: Kysely<StoreDb>,
  groupId: number,
  overlayOf: (runId: number) => OverlayConfig,
): Promise<GroupView | undefined> {
  const g = await db.selectFrom('groups').selectAll().where('id', '=', groupId).executeTakeFirst()
  if (!g) return undefined
  const p = await db.selectFrom('prompts').selectAll().where('id', '=', g.prompt_id).executeTakeFirstOrThrow()
  const run = await db
    .selectFrom('runs')
    .select(['component_keys'])
    .where('id', '=', g.run_id)
    .executeTakeFirstOrThrow()
  const rs = await db.selectFrom('rollouts').selectAll().where('group_id', '=', groupId).orderBy('idx').execute()
  const ids = rs.map((r) => r.id)
  const comps = await componentsOf(db, ids)
  const flags = await flagsOf(db, ids)
  const images = parseJson<StoredImage[]>(p.images, [])
  const meta = parseJson<Record<string, unknown> | undefined>(p.meta, undefined)
  const reference = parseJson<unknown>(p.reference, null)
  const scores = rs.map((r) => r.score)
  const stats = groupStats(scores)
  const adv = grpoAdvantages(scores)
  const overlay = overlayOf(g.run_id)
  const image = images[0]
  const imageRef = image ? imageRefOf(image) : undefined
  const rollouts: RolloutDetail[] = rs.map((r, i) => ({
    id: r.id,
    groupId: r.group_id,
    promptId: r.prompt_id,
    step: r.step,
    index: r.idx,
    task: r.task,
    score: r.score,
    components: comps.get(r.id) ?? {},
    valid: r.valid === 1,
    reasonCode: r.reason_code,
    length: r.length,
    truncated: r.truncated === 1,
    snippet: r.response.slice(0, SNIPPET),
    flags: flags.get(r.id)?.map((f) => f.detector) ?? [],
    response: r.response,
    reason: parseJson<Record<string, unknown> | null>(r.reason, null),
    advantage: adv[i] as number,
    judgeCost: r.judge_cost,
    externalId: r.ext_id,
    meta: parseJson<Record<string, unknown> | null>(r.meta, null),
    predicted: predictedShapes(r.response, imageRef, meta, overlay),
    findings: flags.get(r.id) ?? [],
  }))
  return {
    id: g.id,
    runId: g.run_id,
    step: g.step,
    uid: g.uid,
    promptId: g.prompt_id,
    task: p.task,
    prompt: parseJson<string | ChatMessage[] | null>(p.prompt, null),
    reference,
    images,
    groundTruth: referenceShapes(reference),
    mean: stats.mean,
    std: stats.std,
    zeroVariance: stats.zeroVariance,
    componentKeys: parseJson<string[]>(run.component_keys, []),
    rollouts,
  }
}

/** The sizes of a stored image as the coordinate mappings take them. */
export function imageRefOf(image: StoredImage): ImageRef {
  const ref: ImageRef = {}
  if (image.width) ref.width = image.width
  if (image.height) ref.height = image.height
  if (image.inputWidth) ref.inputWidth = image.inputWidth
  if (image.inputHeight) ref.inputHeight = image.inputHeight
  return ref
}

/** One prompt followed across steps: each step's group statistics and its best rollout. */
export async function promptHistory(db: Kysely<StoreDb>, promptId: number): Promise<PromptHistoryEntry[]> {
  const gs = await db
    .selectFrom('groups')
    .selectAll()
    .where('prompt_id', '=', promptId)
    .orderBy('step')
    .limit(1000)
    .execute()
  const out: PromptHistoryEntry[] = []
  for (const g of gs) {
    const best = await db
      .selectFrom('rollouts')
      .select(['id', 'score', sql<string>`substr(response, 1, ${SNIPPET})`.as('snippet')])
      .where('group_id', '=', g.id)
      .orderBy('score', 'desc')
      .limit(1)
      .executeTakeFirst()
    const mean = g.n ? g.sum / g.n : 0
    out.push({
      groupId: g.id,
      step: g.step,
      n: g.n,
      mean,
      std: g.n > 1 ? Math.sqrt(Math.max(0, (g.sumsq - g.n * mean * mean) / (g.n - 1))) : 0,
      zeroVariance: g.n >= 2 && g.min === g.max,
      best: best ?? null,
    })
  }
  return out
}

export async function findings(db: Kysely<StoreDb>, runId: number): Promise<FindingInfo[]> {
  const rows = await db
    .selectFrom('findings as f')
    .select(['f.id', 'f.detector', 'f.step', 'f.severity', 'f.summary'])
    .select(sql<number>`(SELECT count(*) FROM finding_rollouts l WHERE l.finding_id = f.id)`.as('rollouts'))
    .select(
      sql<string>`(SELECT group_concat(rollout_id) FROM (SELECT rollout_id FROM finding_rollouts l WHERE l.finding_id = f.id LIMIT 8))`.as(
        'sample',
      ),
    )
    .where('f.run_id', '=', runId)
    .orderBy('f.detector')
    .orderBy('f.step')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    detector: r.detector,
    step: r.step,
    severity: r.severity as FindingInfo['severity'],
    summary: r.summary,
    rollouts: r.rollouts,
    sample: r.sample ? r.sample.split(',').map(Number) : [],
  }))
}
