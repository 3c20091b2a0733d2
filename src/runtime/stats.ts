/**
 * Running summaries of a scoring run: per component n, mean, std, min and max (Welford) over the items it applies
 * to (a component under a route case counts only the items routed there; spec/scope.ts), merged across chunks
 * and workers with Chan's formula, plus counts of valid, invalid and errored items and of reason codes. The
 * state is plain arrays and records, so it crosses `postMessage` as is.
 */
import type { ScoreResult } from '../core/index.js'
import type { ScoredRow } from '../spec/index.js'

export interface StatsState {
  /** `score` first, then the spec's component keys, in order */
  keys: string[]
  n: number[]
  mean: number[]
  m2: number[]
  min: number[]
  max: number[]
  /** every result, bad entries included */
  items: number
  valid: number
  invalid: number
  /** entries that were not ScoreItems (malformed JSON, no string `response`): not in the component stats */
  bad: number
  /** by `error.code` (bad entries included, as `bad_item`) */
  errors: Record<string, number>
  /** by `reason.code`, for results whose reason is not `ok` */
  reasons: Record<string, number>
  /** by route case (the spec's `route` node: usually the item's task): items, valid ones, sum of scores */
  routes: Record<string, RouteTally>
}

export interface RouteTally {
  n: number
  valid: number
  sum: number
}

export function createStats(componentKeys: readonly string[]): StatsState {
  const keys = ['score', ...componentKeys]
  const fill = (v: number) => keys.map(() => v)
  return {
    keys,
    n: fill(0),
    mean: fill(0),
    m2: fill(0),
    min: fill(Number.POSITIVE_INFINITY),
    max: fill(Number.NEGATIVE_INFINITY),
    items: 0,
    valid: 0,
    invalid: 0,
    bad: 0,
    errors: {},
    reasons: {},
    routes: {},
  }
}

function push(s: StatsState, k: number, x: number): void {
  const n = (s.n[k] as number) + 1
  const mean = s.mean[k] as number
  const delta = x - mean
  const next = mean + delta / n
  s.n[k] = n
  s.mean[k] = next
  s.m2[k] = (s.m2[k] as number) + delta * (x - next)
  if (x < (s.min[k] as number)) s.min[k] = x
  if (x > (s.max[k] as number)) s.max[k] = x
}

function tally(routes: Record<string, RouteTally>, route: string): RouteTally {
  let t = routes[route]
  if (!t) {
    t = { n: 0, valid: 0, sum: 0 }
    routes[route] = t
  }
  return t
}

const bump = (r: Record<string, number>, code: string) => {
  r[code] = (r[code] ?? 0) + 1
}

/** What both a result and a row say of their item beside the components. */
interface Outcome {
  score: number
  valid: boolean
  reason?: { code: string } | undefined
  error?: { code: string } | undefined
  route?: unknown
}

/** Counts an item's outcome (validity, error, reason, route, score); false for a bad entry, whose zeros stay out. */
function countOutcome(s: StatsState, r: Outcome, bad: boolean): boolean {
  s.items++
  if (r.valid) s.valid++
  else s.invalid++
  if (r.error) bump(s.errors, r.error.code)
  if (bad) {
    s.bad++
    return false
  }
  if (r.reason && r.reason.code !== 'ok') bump(s.reasons, r.reason.code)
  if (typeof r.route === 'string') {
    const t = tally(s.routes, r.route)
    t.n++
    if (r.valid) t.valid++
    t.sum += r.score
  }
  push(s, 0, r.score)
  return true
}

/**
 * Adds one result; `bad` marks an entry that was not a ScoreItem (its zeros stay out of the component stats), and
 * `scope` (by slot, as `ScoredRow.scope`) the components a route sent elsewhere, whose zeros stay out too.
 */
export function addResult(s: StatsState, r: ScoreResult, bad = false, scope?: Uint8Array): void {
  if (!countOutcome(s, r, bad)) return
  const keys = s.keys
  for (let k = 1; k < keys.length; k++) {
    const v = r.components[keys[k] as string]
    if (v !== undefined && (scope === undefined || scope[k - 1] === 1)) push(s, k, v)
  }
}

/** `addResult` for a row (`rowScorer`): its components come by slot, in the stats' key order. */
export function addRow(s: StatsState, r: ScoredRow): void {
  countOutcome(s, r, false)
  const comps = r.comps
  const scope = r.scope
  for (let k = 1; k < s.keys.length; k++)
    if (scope === undefined || scope[k - 1] === 1) push(s, k, comps[k - 1] as number)
}

/** Folds `b` into `a` (same keys); Chan et al.'s parallel variance update. */
export function mergeStats(a: StatsState, b: StatsState): StatsState {
  for (let k = 0; k < a.keys.length; k++) {
    const na = a.n[k] as number
    const nb = b.n[k] as number
    if (nb === 0) continue
    const n = na + nb
    const delta = (b.mean[k] as number) - (a.mean[k] as number)
    a.mean[k] = (a.mean[k] as number) + (delta * nb) / n
    a.m2[k] = (a.m2[k] as number) + (b.m2[k] as number) + (delta * delta * na * nb) / n
    a.n[k] = n
    a.min[k] = Math.min(a.min[k] as number, b.min[k] as number)
    a.max[k] = Math.max(a.max[k] as number, b.max[k] as number)
  }
  a.items += b.items
  a.valid += b.valid
  a.invalid += b.invalid
  a.bad += b.bad
  for (const [c, v] of Object.entries(b.errors)) a.errors[c] = (a.errors[c] ?? 0) + v
  for (const [c, v] of Object.entries(b.reasons)) a.reasons[c] = (a.reasons[c] ?? 0) + v
  for (const [route, t] of Object.entries(b.routes)) {
    const into = tally(a.routes, route)
    into.n += t.n
    into.valid += t.valid
    into.sum += t.sum
  }
  return a
}

/** One row of the summary table. `std` is the population standard deviation; all NaN when n is 0. */
export interface ComponentSummary {
  key: string
  n: number
  mean: number
  std: number
  min: number
  max: number
}

export function componentSummaries(s: StatsState): ComponentSummary[] {
  return s.keys.map((key, k) => {
    const n = s.n[k] as number
    return n === 0
      ? { key, n, mean: Number.NaN, std: Number.NaN, min: Number.NaN, max: Number.NaN }
      : {
          key,
          n,
          mean: s.mean[k] as number,
          std: Math.sqrt(Math.max(0, (s.m2[k] as number) / n)),
          min: s.min[k] as number,
          max: s.max[k] as number,
        }
  })
}
