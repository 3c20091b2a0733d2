import type { ScoringPool } from '../runtime/index.js'
import { scoreBatch } from '../spec/index.js'
import type { BatchScorer, ScoringSpec } from './scoring.js'

/**
 * Scores on the runtime's worker pool (threads sized to the cores), whose watchdog gives every item its own
 * deadline: a stuck item is recorded as `error: timeout` and its worker replaced, so it never holds its batch.
 * Asynchronous specs (judges) run in-process with timers, on the server's compiled spec, which holds its services
 * (the judge client). The pool cannot be cancelled
 * mid-chunk, so a client that disconnects only stops the answer, not the chunks already queued. Items travel to
 * the workers as JSON text and `scoreJson` brings results back as JSON text: a structured clone of 1,024 items
 * and their results cost the server's thread ≈20 ms of copying and garbage per batch; the text costs ≈2 ms.
 */
export function poolScorer(pool: ScoringPool, { itemTimeoutMs }: { itemTimeoutMs: number }): BatchScorer {
  // the pool spreads a call over every worker: a batch in flight keeps them all busy
  let batchesInFlight = 0
  const counted = async <T>(work: () => Promise<T>): Promise<T> => {
    batchesInFlight++
    try {
      return await work()
    } finally {
      batchesInFlight--
    }
  }
  const options = (spec: ScoringSpec) => ({ timeoutMs: itemTimeoutMs, source: spec.source })
  return {
    async score(spec, items) {
      if (spec.compiled.async) return scoreBatch(spec.compiled, items, { timeoutMs: itemTimeoutMs })
      return counted(() => pool.score(spec.text, items, options(spec)))
    },
    scoreJson: (spec, items, { itemsText }) =>
      counted(() => pool.scoreJson(spec.text, items, itemsText ? { ...options(spec), itemsText } : options(spec))),
    scoreText: (spec, count, text, { images }) =>
      counted(() => pool.scoreText(spec.text, count, text, images ? { ...options(spec), images } : options(spec))),
    utilization: () => ({ busy: batchesInFlight > 0 ? pool.workers : 0, size: pool.workers }),
    close: () => pool.close(),
  }
}
