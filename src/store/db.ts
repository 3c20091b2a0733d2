/** The tables as Kysely sees them (migrations.ts is the source of truth); reads go through this. */
import type Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'

export interface RunsTable {
  id: number
  name: string
  source: string
  created_at: string
  spec_text: string | null
  component_keys: string
  meta: string | null
}
export interface PromptsTable {
  id: number
  run_id: number
  key: string
  task: string | null
  prompt: string | null
  reference: string | null
  images: string
  meta: string | null
}
export interface GroupsTable {
  id: number
  run_id: number
  step: number
  uid: string
  prompt_id: number
  n: number
  sum: number
  sumsq: number
  min: number | null
  max: number | null
}
export interface RolloutsTable {
  id: number
  run_id: number
  group_id: number
  prompt_id: number
  step: number
  idx: number
  ext_id: string | null
  task: string | null
  response: string
  score: number
  valid: number
  reason_code: string | null
  reason: string | null
  length: number
  truncated: number
  judge_cost: number
  trainer_advantage: number | null
  meta: string | null
}
export interface ComponentsTable {
  rollout_id: number
  key: string
  value: number
}
export interface StepStatsTable {
  run_id: number
  step: number
  metric: string
  n: number
  sum: number
  sumsq: number
}
export interface FindingsTable {
  id: number
  run_id: number
  detector: string
  step: number | null
  severity: string
  summary: string
}
export interface FindingRolloutsTable {
  finding_id: number
  rollout_id: number
}
export interface ImagesTable {
  sha256: string
  width: number | null
  height: number | null
  mime: string | null
  bytes: number
}
export interface RescoresTable {
  id: number
  run_id: number
  created_at: string
  spec_text: string
  component_keys: string
}
export interface RescoreResultsTable {
  rescore_id: number
  rollout_id: number
  score: number
  components: string
  reason_code: string | null
}

export interface StoreDb {
  runs: RunsTable
  prompts: PromptsTable
  groups: GroupsTable
  rollouts: RolloutsTable
  components: ComponentsTable
  step_stats: StepStatsTable
  findings: FindingsTable
  finding_rollouts: FindingRolloutsTable
  images: ImagesTable
  rescores: RescoresTable
  rescore_results: RescoreResultsTable
}

export function kyselyOf(db: Database.Database): Kysely<StoreDb> {
  return new Kysely<StoreDb>({ dialect: new SqliteDialect({ database: db }) })
}

/** JSON text from the database, or `fallback` when null or unreadable. */
export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined) return fallback
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}
