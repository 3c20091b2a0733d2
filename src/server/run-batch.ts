import type { ScoreItem, ScoreResult } from '../core/index.js'
import {
  addResult,
  createStats,
  imageIssues,
  type JsonScores,
  resultSerializer,
  type StatsState,
} from '../runtime/index.js'
import { scopeReader } from '../spec/index.js'
import type { ServerDeps } from './deps.js'
import { HttpError } from './errors.js'
import type { ScoreOptions } from './scoring.js'
import type { ServedSpec } from './spec-store.js'

/**
 * What every scoring route does once its items are built: check image refs against the policy, admit the
 * items into the bounded queue, score them under the deadline, count them. A client that goes away stops the
 * work; nothing partial is ever answered.
 */
export async function runBatch(
  deps: ServerDeps,
  served: ServedSpec,
  items: ScoreItem[],
  signal: AbortSignal,
  at = 'items',
): Promise<ScoreResult[]> {
  return guarded(deps, items, signal, at, async () => {
    const results = await deps.scorer.score(served, items, { deadline: Date.now() + deps.timeoutMs, signal })
    countStats(deps, served, statsOf(served, results, items))
    return results
  })
}

/**
 * `runBatch` for routes that answer with the results as they are: the results come back as JSON text (the inside
 * of a JSON array) with their summary stats, from the worker pool without building result objects in this
 * thread; `/metrics` counts come from the stats.
 */
export async function runBatchJson(
  deps: ServerDeps,
  served: ServedSpec,
  items: ScoreItem[],
  signal: AbortSignal,
  itemsText?: ScoreOptions['itemsText'],
): Promise<JsonScores> {
  return guarded(deps, items, signal, 'items', async () => {
    const options: ScoreOptions = { deadline: Date.now() + deps.timeoutMs, signal }
    if (itemsText) options.itemsText = itemsText
    const scorer = deps.scorer
    const scores =
      scorer.scoreJson && !served.compiled.async
        ? await scorer.scoreJson(served, items, options)
        : toJson(served, await scorer.score(served, items, options), items)
    countStats(deps, served, scores.stats)
    return scores
  })
}

/**
 * `runBatchJson` for `count` items this thread has not parsed (the scorer's `scoreText`): undefined when the
 * scorer cannot take them so (no `scoreText`, an asynchronous spec) or its workers refuse them; nothing of the
 * batch is answered then, and the caller parses and validates the request itself. The workers check the image
 * policy: an item it refuses makes them refuse the call, and the caller words the 403.
 */
export async function runBatchText(
  deps: ServerDeps,
  served: ServedSpec,
  count: number,
  text: (from: number, to: number) => Uint8Array,
  signal: AbortSignal,
): Promise<JsonScores | undefined> {
  const scorer = deps.scorer
  if (!scorer.scoreText || served.compiled.async) return undefined
  const scoreText = scorer.scoreText.bind(scorer)
  return admitted(deps, count, signal, async () => {
    const options = { deadline: Date.now() + deps.timeoutMs, signal, images: deps.images }
    const scores = await scoreText(served, count, text, options)
    if (scores) countStats(deps, served, scores.stats)
    return scores
  })
}

async function guarded<T>(
  deps: ServerDeps,
  items: ScoreItem[],
  signal: AbortSignal,
  at: string,
  score: () => Promise<T>,
): Promise<T> {
  const refused = imageIssues(items, deps.images, at)
  if (refused.length > 0)
    throw new HttpError(403, 'image_not_allowed', `${refused.length} image reference(s) refused`, { issues: refused })
  return admitted(deps, items.length, signal, score)
}

/** Runs `score` with `count` items admitted to the bounded queue (503 when full); a gone client is a 499. */
async function admitted<T>(deps: ServerDeps, count: number, signal: AbortSignal, score: () => Promise<T>): Promise<T> {
  const release = deps.admission.enterItems(count)
  try {
    return await score()
  } catch (e) {
    if (signal.aborted)
      throw new HttpError(499, 'client_closed', 'the client closed the connection; the batch was dropped')
    throw e
  } finally {
    release()
  }
}

const serializers = new WeakMap<ServedSpec, (r: ScoreResult) => string>()

function toJson(served: ServedSpec, results: readonly ScoreResult[], items: readonly ScoreItem[]): JsonScores {
  let serialize = serializers.get(served)
  if (!serialize) {
    serialize = resultSerializer(served.compiled.componentKeys)
    serializers.set(served, serialize)
  }
  return { json: results.map(serialize).join(','), stats: statsOf(served, results, items) }
}

/** The summary stats of results, each component counted over the items it applies to (spec/scope.ts). */
function statsOf(served: ServedSpec, results: readonly ScoreResult[], items: readonly ScoreItem[]): StatsState {
  const stats = createStats(served.compiled.componentKeys)
  const scopeOf = scopeReader(served.compiled)
  results.forEach((r, i) => {
    addResult(stats, r, false, scopeOf?.(items[i] as ScoreItem))
  })
  return stats
}

/**
 * The counts `/metrics` makes of a batch, from its stats: items scored per reward id (the items each of its
 * components applies to: those its route sends there), errors by code.
 */
function countStats(deps: ServerDeps, served: ServedSpec, stats: StatsState): void {
  const perReward = new Map<string, number>()
  for (const { key, rewardId } of served.compiled.rewards) {
    const n = stats.n[stats.keys.indexOf(key)] ?? 0
    if (n > 0) perReward.set(rewardId, (perReward.get(rewardId) ?? 0) + n)
  }
  deps.metrics.tallied(perReward, Object.entries(stats.errors))
}
