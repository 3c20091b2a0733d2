import type { Readable, Writable } from 'node:stream'

/** Where a command reads and writes; tests pass their own. */
export interface CliIo {
  stdin: Readable
  stdout: Writable
  stderr: Writable
  /** whether stderr is a terminal (progress bars only then) */
  isTTY: boolean
  cwd: string
}

/** One `sightline <name>` command. Returns the exit code: 0 ok, 1 items invalid (--strict), 2 bad usage. */
export interface CliCommand {
  name: string
  summary: string
  usage: string
  run(args: readonly string[], io: CliIo): Promise<number>
}

/** Bad usage: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}
