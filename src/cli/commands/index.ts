import type { CliCommand } from '../command.js'
import { cocoEvalCommand } from './coco-eval.js'

/** Every `sightline` command, in the order `sightline --help` lists them. */
export const commands: readonly CliCommand[] = [cocoEvalCommand]
