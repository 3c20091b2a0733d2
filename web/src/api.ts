/**
 * The inspector API's wire types are the store's own (type-only: erased at build, so no store code reaches the UI),
 * and a small fetch helper.
 */
export type {
  Dashboard,
  FindingInfo,
  GroupView,
  OverlayShapes,
  PromptHistoryEntry,
  RescoreSummary,
  RolloutDetail,
  RolloutRow,
  RunInfo,
  StepMoment,
  StoredImage,
} from '../../src/store/types.js'

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
