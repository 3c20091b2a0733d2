import type { ScoringPool } from '../runtime/index.js'
import { scoreBatch } from '../spec/index.js'
import type { BatchScorer } from './scoring.js'

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
  return {
    async score(spec, items) {
      if (spec.compiled.async) return scoreBatch(spec.compiled, items, { timeoutMs: itemTimeoutMs })
      batchesInFlight++
      try {
        return await pool.score(spec.text, items, { timeoutMs: itemTimeoutMs, source: spec.source })
      } finally {
        batchesInFlight--
      }
    },
    async scoreJson(spec, items, { itemsText }) {
      batchesInFlight++
      try {
        const options = { timeoutMs: itemTimeoutMs, source: spec.source }
        return await pool.scoreJson(spec.text, items, itemsText ? { ...options, itemsText } : options)
      } finally {
        batchesInFlight--
      }
    },
    async scoreText(spec, count, text, { images }) {
      batchesInFlight++
      try {
        const options = { timeoutMs: itemTimeoutMs, source: spec.source }
        return await pool.scoreText(spec.text, count, text, images ? { ...options, images } : options)
      } finally {
        batchesInFlight--
      }
    },
    utilization: () => ({ busy: batchesInFlight > 0 ? pool.workers : 0, size: pool.workers }),
    close: () => pool.close(),
  }
}
