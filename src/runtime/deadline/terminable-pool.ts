/**
 * A worker pool whose tasks have hard deadlines: a task still running at its deadline has its thread terminated
 * (`worker.terminate()`), is reported as timed out, and the thread is replaced; other tasks never wait on it.
 * Written here rather than on piscina because piscina cannot terminate the thread of one task (its `AbortSignal`
 * only removes tasks that have not started), and a runaway simplification never yields to a timer in its own
 * thread: that is how Math-Verify's `signal.alarm` timeouts failed silently off the main thread.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { workerExecArgv } from '../worker-argv.js'

export interface TerminablePoolOptions {
  /** module exporting `handle(task)` (sync or async); a `.ts` URL is loaded through tsx (tests, source runs) */
  handler: URL
  /** threads; default: every core */
  size?: number
  /** default per-task deadline in ms, counted from the moment the task starts on a thread */
  deadlineMs: number
}

export type TaskOutcome<R> =
  | { ok: true; value: R; ms: number }
  | { ok: false; reason: 'timeout' | 'error'; message: string; ms: number }

interface Job<T, R> {
  task: T
  deadlineMs: number
  resolve: (outcome: TaskOutcome<R>) => void
}

interface Slot<T, R> {
  worker: Worker
  ready: boolean
  job: Job<T, R> | undefined
  timer: NodeJS.Timeout | undefined
  started: number
}

type Reply = { ready: true } | { ok: true; value: unknown } | { ok: false; message: string }

/** Loads the handler (through tsx when it is TypeScript source), then answers one task per message. */
const BOOT = `
const { parentPort, workerData } = require('node:worker_threads')
const load = workerData.handler.endsWith('.ts')
  ? import('tsx/esm/api').then(({ register }) => { register(); return import(workerData.handler) })
  : import(workerData.handler)
load.then((mod) => {
  parentPort.on('message', async (task) => {
    try { parentPort.postMessage({ ok: true, value: await mod.handle(task) }) }
    catch (e) { parentPort.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) }) }
  })
  parentPort.postMessage({ ready: true })
})
`

export class TerminablePool<T, R> {
  readonly size: number
  private readonly slots: Slot<T, R>[] = []
  private readonly queue: Job<T, R>[] = []
  private closed = false
  private readonly options: TerminablePoolOptions

  constructor(options: TerminablePoolOptions) {
    this.options = options
    this.size = Math.max(1, options.size ?? availableParallelism())
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn())
  }

  /** Runs one task; resolves (never rejects) with its value, or a timeout or error outcome. */
  run(task: T, deadlineMs = this.options.deadlineMs): Promise<TaskOutcome<R>> {
    if (this.closed) return Promise.resolve({ ok: false, reason: 'error', message: 'pool is closed', ms: 0 })
    return new Promise((resolve) => {
      this.queue.push({ task, deadlineMs, resolve })
      this.pump()
    })
  }

  /** Terminates every thread; queued tasks resolve as errors. */
  async close(): Promise<void> {
    this.closed = true
    for (const job of this.queue.splice(0)) job.resolve({ ok: false, reason: 'error', message: 'pool closed', ms: 0 })
    await Promise.all(
      this.slots.map((s) => {
        if (s.timer) clearTimeout(s.timer)
        s.job?.resolve({ ok: false, reason: 'error', message: 'pool closed', ms: 0 })
        s.job = undefined
        return s.worker.terminate()
      }),
    )
  }

  private spawn(): Slot<T, R> {
    const worker = new Worker(BOOT, {
      eval: true,
      execArgv: workerExecArgv(),
      workerData: { handler: this.options.handler.href },
    })
    worker.unref()
    const slot: Slot<T, R> = { worker, ready: false, started: 0, job: undefined, timer: undefined }
    worker.on('message', (msg: Reply) => this.onReply(slot, msg))
    worker.on('error', (e) => this.replace(slot, { reason: 'error', message: e.message }))
    worker.on('exit', () => this.replace(slot, { reason: 'error', message: 'worker exited' }))
    return slot
  }

  private onReply(slot: Slot<T, R>, msg: Reply): void {
    if ('ready' in msg) slot.ready = true
    else if (slot.job) {
      const job = slot.job
      const ms = performance.now() - slot.started
      if (slot.timer) clearTimeout(slot.timer)
      slot.job = undefined
      job.resolve(
        msg.ok ? { ok: true, value: msg.value as R, ms } : { ok: false, reason: 'error', message: msg.message, ms },
      )
    }
    this.pump()
  }

  /** Ends a slot's thread (deadline, crash) and puts a fresh one in its place. */
  private replace(slot: Slot<T, R>, why: { reason: 'timeout' | 'error'; message: string }): void {
    const i = this.slots.indexOf(slot)
    if (i < 0) return
    if (slot.timer) clearTimeout(slot.timer)
    const job = slot.job
    slot.job = undefined
    this.slots.splice(i, 1)
    slot.worker.removeAllListeners()
    slot.worker.on('error', () => {})
    void slot.worker.terminate()
    job?.resolve({ ok: false, ...why, ms: performance.now() - slot.started })
    if (!this.closed) {
      this.slots.push(this.spawn())
      this.pump()
    }
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return
      if (!slot.ready || slot.job) continue
      const job = this.queue.shift() as Job<T, R>
      slot.job = job
      slot.started = performance.now()
      slot.timer = setTimeout(
        () => this.replace(slot, { reason: 'timeout', message: `deadline of ${job.deadlineMs} ms passed` }),
        job.deadlineMs,
      )
      slot.worker.postMessage(job.task)
    }
  }
}
