// The `sightline` command line, for embedding or testing: `main(args, io)` returns the exit code.
export type { CliCommand, CliIo, CommandEntry } from './command.js'
export { CommandError, UsageError } from './command.js'
export { commands } from './commands/index.js'
export { main } from './main.js'
export type { Provenance, RunSummary } from './summary.js'
export { formatSummary, runSummary } from './summary.js'
