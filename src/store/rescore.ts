/**
 * Re-scoring a stored run with an edited spec: the run's rollouts are rebuilt as ScoreItems (prompt, reference,
 * image sizes, meta, group, step), scored with the new spec, and kept beside the old scores so the inspector can
 * show both. A reward unit test on real data.
 */
import type { ChatMessage, RewardRegistry, ScoreItem } from '../core/index.js'
import { compileSpec, parseSpecText, scoreBatch } from '../spec/index.js'
import { parseJson } from './db.js'
import { imageRefOf } from './queries.js'
import type { SqliteStore } from './sqlite-store.js'
import type { RescoreSummary, StoredImage } from './types.js'

export interface RescoreOptions {
  /** at most this many rollouts (the most recent steps first); default 20 000 */
  limit?: number
  /** rollouts with the largest change returned in `diffs`; default 200 */
  diffs?: number
}

interface Row {
  id: number
  group_id: number
  step: number
  task: string | null
  response: string
  score: number
  ext_id: string | null
  uid: string
  prompt: string | null
  reference: string | null
  images: string
  meta: string | null
}

/** Compiles `specText` (a ConfigError names what is wrong), scores the run's rollouts, and stores the results. */
export async function rescoreRun(
  store: SqliteStore,
  registry: RewardRegistry,
  runId: number,
  specText: string,
  { limit = 20_000, diffs = 200 }: RescoreOptions = {},
): Promise<RescoreSummary> {
  const spec = compileSpec(parseSpecText(specText, 'edited spec'), registry, { source: 'edited spec' })
  const rows = store.db
    .prepare(
      `SELECT r.id, r.group_id, r.step, r.task, r.response, r.score, r.ext_id, g.uid, p.prompt, p.reference, p.images, p.meta
       FROM rollouts r JOIN groups g ON g.id = r.group_id JOIN prompts p ON p.id = r.prompt_id
       WHERE r.run_id = ? ORDER BY r.step DESC, r.id LIMIT ?`,
    )
    .all(runId, Math.max(1, Math.min(limit, 200_000))) as Row[]
  const items: ScoreItem[] = rows.map((r) => {
    const item: ScoreItem = { id: String(r.id), response: r.response, group: r.uid, step: r.step }
    if (r.task !== null) item.task = r.task
    const prompt = parseJson<string | ChatMessage[] | null>(r.prompt, null)
    if (prompt !== null) item.prompt = prompt
    const reference = parseJson<unknown>(r.reference, undefined)
    if (reference !== undefined) item.reference = reference
    const images = parseJson<StoredImage[]>(r.images, [])
    if (images.length) item.images = images.map(imageRefOf)
    const meta = parseJson<Record<string, unknown> | undefined>(r.meta, undefined)
    if (meta) item.meta = meta
    return item
  })
  const results = await scoreBatch(spec, items, { timeoutMs: 30_000 })
  const createdAt = new Date().toISOString()
  const { id } = store.db
    .prepare('INSERT INTO rescores (run_id, created_at, spec_text, component_keys) VALUES (?, ?, ?, ?) RETURNING id')
    .get(runId, createdAt, specText, JSON.stringify(spec.componentKeys)) as { id: number }
  const ins = store.db.prepare(
    'INSERT INTO rescore_results (rescore_id, rollout_id, score, components, reason_code) VALUES (?, ?, ?, ?, ?)',
  )
  let oldSum = 0
  let newSum = 0
  let changed = 0
  const all: RescoreSummary['diffs'] = []
  store.db.transaction(() => {
    results.forEach((res, i) => {
      const r = rows[i] as Row
      ins.run(id, r.id, res.score, JSON.stringify(res.components), res.reason?.code ?? null)
      oldSum += r.score
      newSum += res.score
      if (Math.abs(res.score - r.score) > 1e-9) changed++
      all.push({
        rolloutId: r.id,
        groupId: r.group_id,
        step: r.step,
        old: r.score,
        new: res.score,
        reasonCode: res.reason?.code ?? null,
      })
    })
  })()
  all.sort((a, b) => Math.abs(b.new - b.old) - Math.abs(a.new - a.old))
  const n = Math.max(1, rows.length)
  return {
    id,
    runId,
    createdAt,
    specText,
    scored: rows.length,
    oldMean: oldSum / n,
    newMean: newSum / n,
    changed,
    diffs: all.slice(0, diffs),
    componentKeys: [...spec.componentKeys],
  }
}

/** The new score and components of one rollout under each re-score of its run, newest first. */
export function rescoresOf(store: SqliteStore, rolloutId: number) {
  return (
    store.db
      .prepare(
        `SELECT s.id, s.created_at AS createdAt, x.score, x.components, x.reason_code AS reasonCode
         FROM rescore_results x JOIN rescores s ON s.id = x.rescore_id WHERE x.rollout_id = ? ORDER BY s.id DESC LIMIT 20`,
      )
      .all(rolloutId) as {
      id: number
      createdAt: string
      score: number
      components: string
      reasonCode: string | null
    }[]
  ).map((r) => ({ ...r, components: parseJson<Record<string, number>>(r.components, {}) }))
}
