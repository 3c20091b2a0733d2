import type { MathEquivalentOptions, MathEquivalentResult } from '../../rewards/math/math-equivalent/types.js'
import { TerminablePool } from './terminable-pool.js'

export interface MathTask {
  gold: string | number
  pred: string
  options?: MathEquivalentOptions
}

export interface MathPoolOptions {
  /** per-item deadline in ms; default 2000 */
  deadlineMs?: number
  /** threads; default every core */
  size?: number
}

export interface MathPool {
  /** `mathEquivalent` in a worker thread, never past its deadline (then: not equal, reason `timeout`) */
  check(task: MathTask, deadlineMs?: number): Promise<MathEquivalentResult>
  close(): Promise<void>
  readonly size: number
}

const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js'

/**
 * A pool of terminable threads running `mathEquivalent`, for batches (CLI, server): an item that runs past its
 * deadline is not equal with reason `timeout`, and its thread is replaced; the other items are unaffected.
 * @example await createMathPool().check({ gold: '1/2', pred: '$0.5$' }) //= { equal: true, reason: 'ok', ... }
 */
export function createMathPool({ deadlineMs = 2000, size }: MathPoolOptions = {}): MathPool {
  const pool = new TerminablePool<MathTask, MathEquivalentResult>({
    handler: new URL(`./math-worker.${ext}`, import.meta.url),
    deadlineMs,
    ...(size === undefined ? {} : { size }),
  })
  return {
    size: pool.size,
    close: () => pool.close(),
    async check(task, deadline) {
      const out = await pool.run(task, deadline)
      if (out.ok) return out.value
      if (out.reason === 'timeout') return { equal: false, goldParsed: [], predParsed: [], reason: 'timeout' }
      throw new Error(`math worker failed: ${out.message}`)
    },
  }
}
