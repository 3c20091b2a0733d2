/** Test helpers: a fake CliIo that records what a command prints, and temp dirs that clean themselves up. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { afterAll } from 'vitest'
import type { CliIo } from '../src/cli/command.js'
import { main } from '../src/cli/main.js'

export const TEST_PACK = fileURLToPath(new URL('./fixtures/test-pack.ts', import.meta.url))

export interface Run {
  code: number
  stdout: string
  stderr: string
}

function collect(): { stream: PassThrough; text(): string } {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (c: Buffer) => chunks.push(c))
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') }
}

/** Runs `sightline <args>` in `cwd` with a fake terminal-less io; `stdin` feeds `--in -`. */
export async function sightline(cwd: string, args: readonly string[], stdin = '', isTTY = false): Promise<Run> {
  const out = collect()
  const err = collect()
  const io: CliIo = { stdin: Readable.from([stdin]), stdout: out.stream, stderr: err.stream, isTTY, cwd }
  const code = await main(args, io)
  await new Promise((r) => setImmediate(r))
  return { code, stdout: out.text(), stderr: err.text() }
}

/** A temp dir removed after the file's tests; `write` puts files in it and returns their names. */
export function tempDir(): { dir: string; write(name: string, text: string | Uint8Array): string } {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-test-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  return {
    dir,
    write(name, text) {
      writeFileSync(join(dir, name), text)
      return name
    },
  }
}

/** JSONL text of the given values, one per line. */
export const jsonl = (rows: readonly unknown[]): string => rows.map((r) => `${JSON.stringify(r)}\n`).join('')

/** Parses JSONL output. */
export const parseJsonl = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
