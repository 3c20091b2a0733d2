import type { CliCommand } from '../command.js'

/** Every `sightline` command, in the order `sightline --help` lists them. */
export const commands: readonly CliCommand[] = []
