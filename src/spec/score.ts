import {
  type RewardOutput,
  type RewardReason,
  runGroupReward,
  type ScoreError,
  type ScoreItem,
  type ScoreResult,
} from '../core/index.js'
import type { CompiledSpec } from './compile.js'
import type { EvalState } from './evaluate.js'
import { scopeReader } from './scope.js'

function zeroComponents(keys: readonly string[]): Record<string, number> {
  const comps: Record<string, number> = {}
  for (const k of keys) comps[k] = 0
  return comps
}

/** Component values by slot as the record results carry, in the spec's key order. */
function componentsOf(keys: readonly string[], comps: Float64Array): Record<string, number> {
  const out: Record<string, number> = {}
  for (let i = 0; i < keys.length; i++) out[keys[i] as string] = comps[i] as number
  return out
}

function newState(spec: CompiledSpec, signal?: AbortSignal, group?: ReadonlyMap<string, RewardOutput>): EvalState {
  return {
    comps: new Float64Array(spec.componentKeys.length),
    valid: true,
    reason: undefined,
    error: undefined,
    route: undefined,
    signal,
    group,
  }
}

/**
 * Scores one item (`index` is its position in the batch, the default id). Synchronous when the spec is; every
 * result has every component key, 0 where a component did not apply (a closed gate, another route).
 */
export function scoreItem(
  spec: CompiledSpec,
  item: ScoreItem,
  index: number,
  signal?: AbortSignal,
  group?: ReadonlyMap<string, RewardOutput>,
): ScoreResult | Promise<ScoreResult> {
  const st = newState(spec, signal, group)
  const value = spec.root(item, st)
  const result = (v: number) => rowResult(spec, item.id ?? String(index), fillRow(spec, st, v, emptyRow(st.comps)))
  return value instanceof Promise ? value.then(result) : result(value)
}

/**
 * A scored item as the hot path keeps it: what a ScoreResult holds, with the components by slot (the spec's
 * `componentKeys` order) instead of a record. `rowScorer` reuses one row for every item.
 */
export interface ScoredRow {
  comps: Float64Array
  score: number
  valid: boolean
  reason: (RewardReason & { component: string }) | undefined
  error: ScoreError | undefined
  route: string | undefined
  /** by slot, 1 where the component applies to the item and 0 where a route sent it elsewhere; undefined: all apply */
  scope: Uint8Array | undefined
}

/**
 * A scorer for a synchronous spec that writes each item into one reused row: no result object and no record of
 * components per item, for the file and batch paths that serialize and summarize rows directly (`scoreItem` is
 * what it computes; a test holds them equal). The row is valid until the next call.
 */
export function rowScorer(spec: CompiledSpec): (item: ScoreItem) => ScoredRow {
  if (spec.async) throw new Error('rowScorer needs a synchronous spec')
  const st = newState(spec)
  const row = emptyRow(st.comps)
  const scopeOf = scopeReader(spec)
  return (item) => {
    st.comps.fill(0)
    st.valid = true
    st.reason = undefined
    st.error = undefined
    st.route = undefined
    fillRow(spec, st, spec.root(item, st) as number, row)
    row.scope = scopeOf?.(item)
    return row
  }
}

const emptyRow = (comps: Float64Array): ScoredRow => ({
  comps,
  score: 0,
  valid: true,
  reason: undefined,
  error: undefined,
  route: undefined,
  scope: undefined,
})

/** What an evaluated state says of its item: an error scores `onError` and makes the item invalid. */
function fillRow(spec: CompiledSpec, st: EvalState, value: number, row: ScoredRow): ScoredRow {
  row.score = st.error ? spec.onError : value
  row.valid = st.valid && st.error === undefined
  row.reason = st.reason
  row.error = st.error
  row.route = st.route
  return row
}

/** The ScoreResult of a row (its id given). */
export function rowResult(spec: CompiledSpec, id: string, row: ScoredRow): ScoreResult {
  const result: ScoreResult & { route?: string } = {
    id,
    score: row.score,
    components: componentsOf(spec.componentKeys, row.comps),
    valid: row.valid,
  }
  if (row.reason) result.reason = row.reason
  if (row.error) result.error = row.error
  if (row.route !== undefined) result.route = row.route
  return result
}

export interface ScoreBatchOptions {
  /** items in flight at once for asynchronous specs (judges); default 64 */
  concurrency?: number
  /** per-item deadline for asynchronous rewards, in ms; the item gets `error: timeout` */
  timeoutMs?: number
  /** index of items[0] in the whole input, for default ids */
  offset?: number
}

/** Scores a batch in input order. Synchronous specs run inline; asynchronous ones with bounded concurrency. */
export async function scoreBatch(
  spec: CompiledSpec,
  items: readonly ScoreItem[],
  { concurrency = 64, timeoutMs, offset = 0 }: ScoreBatchOptions = {},
): Promise<ScoreResult[]> {
  const results: ScoreResult[] = new Array(items.length)
  if (!spec.async) {
    for (let i = 0; i < items.length; i++)
      results[i] = scoreItem(spec, items[i] as ScoreItem, offset + i) as ScoreResult
    return results
  }
  const grouped = await scoreGroups(spec, items, concurrency)
  await eachLimited(items.length, concurrency, async (i) => {
    results[i] = await withDeadline(spec, items[i] as ScoreItem, offset + i, timeoutMs, grouped[i])
  })
  return results
}

async function eachLimited(n: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < n) await fn(next++)
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker))
}

/**
 * Runs the group rewards over each GRPO group (items sharing `group`; an item without one is a group of its
 * own) and returns, per item, the outputs by component key.
 */
async function scoreGroups(spec: CompiledSpec, items: readonly ScoreItem[], concurrency: number) {
  const perItem: Map<string, RewardOutput>[] = items.map(() => new Map())
  if (spec.groupLeaves.length === 0) return perItem
  const groups = new Map<string, number[]>()
  items.forEach((item, i) => {
    const key = item.group === undefined ? `\u0000${i}` : `g${item.group}`
    const members = groups.get(key)
    if (members) members.push(i)
    else groups.set(key, [i])
  })
  const jobs = spec.groupLeaves.flatMap((leaf) => [...groups.values()].map((members) => ({ leaf, members })))
  await eachLimited(jobs.length, concurrency, async (j) => {
    const { leaf, members } = jobs[j] as (typeof jobs)[number]
    const outs = await runGroupReward(
      leaf.def,
      leaf.params,
      members.map((i) => items[i] as ScoreItem),
      {
        services: spec.services,
      },
    )
    for (const [k, i] of members.entries()) perItem[i]?.set(leaf.key, outs[k] as RewardOutput)
  })
  return perItem
}

async function withDeadline(
  spec: CompiledSpec,
  item: ScoreItem,
  index: number,
  timeoutMs: number | undefined,
  group: ReadonlyMap<string, RewardOutput> | undefined,
) {
  if (timeoutMs === undefined) return scoreItem(spec, item, index, undefined, group)
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<ScoreResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort()
      resolve({
        id: item.id ?? String(index),
        score: spec.onError,
        components: zeroComponents(spec.componentKeys),
        valid: false,
        reason: { code: 'timeout', ms: timeoutMs },
        error: { code: 'timeout', message: `item timed out after ${timeoutMs} ms` },
      })
    }, timeoutMs)
  })
  try {
    return await Promise.race([scoreItem(spec, item, index, controller.signal, group), deadline])
  } finally {
    clearTimeout(timer)
  }
}
