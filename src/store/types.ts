/**
 * The rollout store's repository interface: what the importers, the server and the inspector need, and nothing
 * about SQL. `SqliteStore` implements it on better-sqlite3; a PostgreSQL store can follow behind the same shape
 * (every read is async for that reason).
 */
import type { ChatMessage, ImageRef, RewardReason } from '../core/index.js'

/** An image as ingested: a reference plus, when known, its bytes (stored once, by sha256). */
export interface IngestImage extends ImageRef {
  bytes?: Uint8Array
}

/** One scored rollout to ingest. */
export interface IngestRollout {
  step: number
  /** the GRPO group (verl uid); rollouts of one step with no group are grouped by identical prompt */
  group?: string | undefined
  /** the trainer's or the caller's id, kept for search */
  id?: string | undefined
  task?: string | undefined
  prompt?: string | ChatMessage[] | undefined
  reference?: unknown
  images?: IngestImage[] | undefined
  response: string
  score: number
  components?: Record<string, number> | undefined
  valid?: boolean | undefined
  reason?: RewardReason | { code: string; [k: string]: unknown } | undefined
  /** response length in tokens when the trainer knows it, else characters are counted */
  length?: number | undefined
  /** the response hit the generation limit */
  truncated?: boolean | undefined
  /** USD spent on judge calls for this rollout */
  judgeCost?: number | undefined
  /** the trainer's own advantage, when it logged one (TRL) */
  advantage?: number | undefined
  meta?: Record<string, unknown> | undefined
}

export interface RunInput {
  name: string
  /** where the rollouts came from: `demo`, `verl`, `trl`, `jsonl`, `server` */
  source: string
  /** the reward spec (YAML or JSON) that scored the run, for overlays and re-scoring */
  specText?: string | undefined
  meta?: Record<string, unknown> | undefined
}

export interface RunInfo {
  id: number
  name: string
  source: string
  createdAt: string
  specText: string | null
  componentKeys: string[]
  rollouts: number
  groups: number
  steps: number
  findings: number
}

export interface IngestReport {
  rollouts: number
  groups: number
  images: number
  findings: number
}

/** Mean and unbiased std of one metric at one step. */
export interface StepMoment {
  n: number
  mean: number
  std: number
}

export interface DashboardSeries {
  steps: number[]
  rollouts: number[]
  score: StepMoment[]
  components: Record<string, StepMoment[]>
  length: StepMoment[]
  /** Pearson correlation of length and score per step (NaN where undefined) */
  lengthScoreCorr: number[]
  invalidRate: number[]
  formatFailureRate: number[]
  truncatedRate: number[]
  zeroVarianceFraction: number[]
  judgeCost: number[]
}

export interface Dashboard {
  run: RunInfo
  series: DashboardSeries
  /** a deterministic sample of (length, score) points for the scatter plot */
  scatter: { length: number[]; score: number[]; step: number[] }
  findings: FindingInfo[]
}

export interface RolloutFilter {
  step?: number | undefined
  task?: string | undefined
  /** component key (or `score`) → inclusive range */
  ranges?: { key: string; min?: number | undefined; max?: number | undefined }[] | undefined
  invalid?: boolean | undefined
  truncated?: boolean | undefined
  minLength?: number | undefined
  maxLength?: number | undefined
  /** case-insensitive substring of the response or the prompt */
  text?: string | undefined
  finding?: number | undefined
  zeroVariance?: boolean | undefined
}

export interface Page {
  limit?: number
  offset?: number
}

export interface RolloutRow {
  id: number
  groupId: number
  promptId: number
  step: number
  index: number
  task: string | null
  score: number
  components: Record<string, number>
  valid: boolean
  reasonCode: string | null
  length: number
  truncated: boolean
  /** the first characters of the response */
  snippet: string
  flags: string[]
}

export interface StoredImage {
  sha256: string | null
  width: number | null
  height: number | null
  inputWidth?: number | undefined
  inputHeight?: number | undefined
  /** the path it came from, when no bytes were stored */
  path?: string | undefined
}

/** A box `[x1, y1, x2, y2]` or point `[x, y]` in original-image pixels, as the overlay draws it. */
export interface OverlayShapes {
  boxes: number[][]
  points: number[][]
  /** why nothing could be drawn (missing size, unparsed answer), for the UI */
  note?: string | undefined
}

export interface RolloutDetail extends RolloutRow {
  response: string
  reason: Record<string, unknown> | null
  advantage: number
  judgeCost: number
  externalId: string | null
  meta: Record<string, unknown> | null
  predicted: OverlayShapes
  findings: { id: number; detector: string; summary: string }[]
}

export interface GroupView {
  id: number
  runId: number
  step: number
  uid: string
  promptId: number
  task: string | null
  prompt: string | ChatMessage[] | null
  reference: unknown
  images: StoredImage[]
  groundTruth: OverlayShapes
  mean: number
  std: number
  zeroVariance: boolean
  componentKeys: string[]
  rollouts: RolloutDetail[]
}

export interface PromptHistoryEntry {
  groupId: number
  step: number
  n: number
  mean: number
  std: number
  zeroVariance: boolean
  best: { id: number; score: number; snippet: string } | null
}

export interface FindingInfo {
  id: number
  detector: string
  step: number | null
  severity: 'info' | 'warn' | 'high'
  summary: string
  rollouts: number
  /** the first linked rollout ids */
  sample: number[]
}

export interface RescoreSummary {
  id: number
  runId: number
  createdAt: string
  specText: string
  scored: number
  oldMean: number
  newMean: number
  changed: number
  /** the rollouts whose score moved most */
  diffs: { rolloutId: number; groupId: number; step: number; old: number; new: number; reasonCode: string | null }[]
  componentKeys: string[]
}

export interface RolloutStore {
  createRun(run: RunInput): Promise<RunInfo>
  /** the run of that name, created when absent */
  ensureRun(run: RunInput): Promise<RunInfo>
  /** one batch in one transaction: all of it is committed, or none */
  ingest(runId: number, batch: readonly IngestRollout[]): Promise<IngestReport>
  listRuns(): Promise<RunInfo[]>
  getRun(idOrName: number | string): Promise<RunInfo | undefined>
  dashboard(runId: number): Promise<Dashboard>
  queryRollouts(runId: number, filter?: RolloutFilter, page?: Page): Promise<{ total: number; rows: RolloutRow[] }>
  group(groupId: number): Promise<GroupView | undefined>
  rollout(rolloutId: number): Promise<(RolloutDetail & { group: GroupView }) | undefined>
  promptHistory(promptId: number): Promise<PromptHistoryEntry[]>
  findings(runId: number): Promise<FindingInfo[]>
  imagePath(sha256: string): Promise<string | undefined>
  close(): Promise<void>
}
