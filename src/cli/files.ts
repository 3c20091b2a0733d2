import { createWriteStream } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import type { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { type CliIo, CommandError } from './command.js'

/** "cannot write --out o.jsonl: ENOSPC": `what` is the flag and the path as the user wrote them. */
const cannotWrite = (what: string, e: unknown) =>
  new CommandError(`cannot write ${what}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)

/**
 * Writes a file the user named, creating its folder (`--out results/run-3/scores.jsonl` just works); a failure
 * is a CommandError naming `what` (the flag and the path as written).
 */
export async function writeOutputFile(path: string, text: string, what = path): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, text)
  } catch (e) {
    throw cannotWrite(what, e)
  }
}

/** Where a command streams its results: a file the user named, or stdout. */
export interface OutputStream {
  /** Writes text; returns a promise when the stream is full (resolved on drain), rejected once a write failed. */
  write(text: string): Promise<void> | undefined
  /** Ends the output; rejects with a CommandError naming the file if any write to it failed. */
  close(): Promise<void>
}

/** Writes to `out` with backpressure; `failure` rejects when the stream fails (never, for stdout). */
function streamWriter(out: Writable, failure: Promise<never>): OutputStream['write'] {
  return (text) => {
    if (out.errored) return failure
    if (text.length === 0 || out.write(text)) return undefined
    return Promise.race([new Promise<void>((ok) => out.once('drain', ok)), failure])
  }
}

/**
 * Opens `path` (relative to the working directory, its folder created) for streaming, or stdout without one. A
 * file that cannot be opened or written is a CommandError naming `flag` and the path: `cannot write --out
 * o.jsonl: ENOSPC`. (A closed stdout is the process's business: see `main`.)
 */
export async function openOutputStream(
  path: string | undefined,
  io: Pick<CliIo, 'stdout' | 'cwd'>,
  flag: string,
): Promise<OutputStream> {
  if (path === undefined) return { write: streamWriter(io.stdout, new Promise<never>(() => {})), close: async () => {} }
  const what = `${flag} ${path}`
  const full = resolve(io.cwd, path)
  try {
    await mkdir(dirname(full), { recursive: true })
  } catch (e) {
    throw cannotWrite(what, e)
  }
  const out = createWriteStream(full)
  const failure = new Promise<never>((_, fail) => out.on('error', (e) => fail(cannotWrite(what, e))))
  failure.catch(() => {}) // awaited by write and close; this only keeps an unobserved failure from going unhandled
  await Promise.race([new Promise((ok) => out.once('open', ok)), failure])
  return {
    write: streamWriter(out, failure),
    async close() {
      out.end()
      try {
        await finished(out)
      } catch (e) {
        throw cannotWrite(what, e)
      }
    },
  }
}
