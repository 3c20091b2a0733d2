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
  usage: string
  run(args: readonly string[], io: CliIo): Promise<number>
}

/**
 * A command as `sightline --help` lists it; `load` imports its module only when it runs, so `sightline score`
 * does not pay for the server, the store or the judge client at start-up.
 */
export interface CommandEntry {
  name: string
  summary: string
  load(): Promise<CliCommand>
}

/** Bad usage: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/** A command cannot go on (an output it cannot write): printed as one line without the usage, exit code 2. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CommandError'
  }
}
