import type { ScoreItem, ScoreResult } from '../core/index.js'
import type { CompiledSpec } from './compile.js'
import type { EvalState } from './evaluate.js'

function zeroComponents(keys: readonly string[]): Record<string, number> {
  const comps: Record<string, number> = {}
  for (const k of keys) comps[k] = 0
  return comps
}

function finish(spec: CompiledSpec, item: ScoreItem, index: number, st: EvalState, value: number): ScoreResult {
  const result: ScoreResult & { route?: string } = {
    id: item.id ?? String(index),
    score: st.error ? spec.onError : value,
    components: st.comps,
    valid: st.valid && st.error === undefined,
  }
  if (st.reason) result.reason = st.reason
  if (st.error) result.error = st.error
  if (st.route !== undefined) result.route = st.route
  return result
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
): ScoreResult | Promise<ScoreResult> {
  const st: EvalState = {
    comps: zeroComponents(spec.componentKeys),
    valid: true,
    reason: undefined,
    error: undefined,
    route: undefined,
    signal,
  }
  const value = spec.root(item, st)
  return value instanceof Promise
    ? value.then((v) => finish(spec, item, index, st, v))
    : finish(spec, item, index, st, value)
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
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await withDeadline(spec, items[i] as ScoreItem, offset + i, timeoutMs)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
  return results
}

async function withDeadline(spec: CompiledSpec, item: ScoreItem, index: number, timeoutMs?: number) {
  if (timeoutMs === undefined) return scoreItem(spec, item, index)
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
    return await Promise.race([scoreItem(spec, item, index, controller.signal), deadline])
  } finally {
    clearTimeout(timer)
  }
}
