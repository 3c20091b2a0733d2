import { Worker } from 'node:worker_threads'

/**
 * The Node options of this process that a worker accepts. Workers refuse V8 and per-process options (`node
 * --max-old-space-size=8192 sightline ...` would fail to start them, ERR_WORKER_INVALID_EXEC_ARGV); V8's flags are
 * process-wide, so the workers run under them anyway. Node names the refused ones only by refusing: one worker,
 * started and stopped at once, asks, once, and only when the process has options at all.
 */
export function workerExecArgv(): string[] {
  accepted ??= acceptedOf(process.execArgv)
  return [...accepted]
}
let accepted: readonly string[] | undefined

function acceptedOf(argv: readonly string[]): string[] {
  if (argv.length === 0) return []
  try {
    void new Worker('', { eval: true, execArgv: [...argv] }).terminate()
    return [...argv]
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw e
    // "Initiated Worker with invalid execArgv flags: --a=1, --b"
    const refused = new Set(((e as Error).message.split(': ')[1] ?? '').split(', '))
    return argv.filter((a) => !refused.has(a))
  }
}
