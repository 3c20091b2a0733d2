/**
 * The inspector API's wire types (mirroring src/store/types.ts, which the UI may not import: it sees the server
 * only through JSON) and a small fetch helper.
 */
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
export interface StepMoment {
  n: number
  mean: number
  std: number
}
export interface FindingInfo {
  id: number
  detector: string
  step: number | null
  severity: 'info' | 'warn' | 'high'
  summary: string
  rollouts: number
  sample: number[]
}
export interface Dashboard {
  run: RunInfo
  series: {
    steps: number[]
    rollouts: number[]
    score: StepMoment[]
    components: Record<string, StepMoment[]>
    length: StepMoment[]
    lengthScoreCorr: (number | null)[]
    invalidRate: number[]
    formatFailureRate: number[]
    truncatedRate: number[]
    zeroVarianceFraction: number[]
    judgeCost: number[]
  }
  scatter: { length: number[]; score: number[]; step: number[] }
  findings: FindingInfo[]
}
export interface OverlayShapes {
  boxes: number[][]
  points: number[][]
  note?: string
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
  snippet: string
  flags: string[]
}
export interface RolloutDetail extends RolloutRow {
  response: string
  reason: ({ code: string } & Record<string, unknown>) | null
  advantage: number
  judgeCost: number
  externalId: string | null
  meta: Record<string, unknown> | null
  predicted: OverlayShapes
  findings: { id: number; detector: string; summary: string }[]
}
export interface StoredImage {
  sha256: string | null
  width: number | null
  height: number | null
  path?: string
}
export interface GroupView {
  id: number
  runId: number
  step: number
  uid: string
  promptId: number
  task: string | null
  prompt: unknown
  reference: unknown
  images: StoredImage[]
  groundTruth: OverlayShapes
  mean: number
  std: number
  zeroVariance: boolean
  componentKeys: string[]
  rollouts: RolloutDetail[]
}
export interface RescoreSummary {
  id: number
  scored: number
  oldMean: number
  newMean: number
  changed: number
  diffs: { rolloutId: number; groupId: number; step: number; old: number; new: number; reasonCode: string | null }[]
  componentKeys: string[]
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

export class ApiError extends Error {}

export async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, init)
  const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } }
  if (!res.ok) throw new ApiError(body.error?.message ?? `${res.status} ${res.statusText}`)
  return body as T
}

/** Shows a number compactly: 3 significant decimals, '–' for missing. */
export function fmt(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–'
  if (Number.isInteger(v)) return String(v)
  return v.toFixed(digits)
}
