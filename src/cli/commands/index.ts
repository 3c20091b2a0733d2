import type { CliCommand } from '../command.js'
import { cocoEvalCommand } from './coco-eval.js'
import { importCommand } from './import.js'
import { judgeBenchCommand } from './judge-bench.js'
import { mathEqualCommand } from './math-equal.js'
import { rewardsCommand } from './rewards.js'
import { schemaCommand } from './schema.js'
import { scoreCommand } from './score.js'
import { serveCommand } from './serve.js'

/** Every `sightline` command, in the order `sightline --help` lists them. */
export const commands: readonly CliCommand[] = [
  scoreCommand,
  rewardsCommand,
  schemaCommand,
  cocoEvalCommand,
  mathEqualCommand,
  serveCommand,
  importCommand,
  judgeBenchCommand,
]
