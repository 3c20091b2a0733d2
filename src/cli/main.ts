import { RewardEngineError } from '../core/errors.js'
import { sightlineVersion } from '../runtime/version.js'
import { type CliIo, type CommandEntry, CommandError, UsageError } from './command.js'
import { commands } from './commands/index.js'

let pipesWatched = false

/**
 * A reader that stops early (`sightline rewards | head -1`) closes the pipe: the next write fails with EPIPE.
 * That is not an error of ours. A closed stdout ends the process quietly with 0, as `yes | head` does, instead of
 * an unhandled 'error' stack; a closed stderr only loses messages, so the command goes on (its results may be
 * going to --out).
 */
function watchClosedPipes(): void {
  if (pipesWatched) return
  pipesWatched = true
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0)
    throw e
  })
  process.stderr.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e
  })
}

function processIo(): CliIo {
  watchClosedPipes()
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
  }
}

function help(list: readonly CommandEntry[]): string {
  const width = Math.max(...list.map((c) => c.name.length))
  const rows = list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)
  return `sightline: rewards for multimodal RL\n\nusage: sightline <command> [options]\n       sightline --version\n\n${rows.join('\n')}\n\nRun "sightline <command> --help" for a command's options.\n`
}

/** Runs `sightline <args>` and returns the exit code. */
export async function main(args: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = args
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help(commands))
    return name ? 0 : 2
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${sightlineVersion()}\n`)
    return 0
  }
  const entry = commands.find((c) => c.name === name)
  if (!entry) {
    io.stderr.write(`sightline: unknown command "${name}"\n\n${help(commands)}`)
    return 2
  }
  const command = await entry.load()
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage}\n`)
    return 0
  }
  try {
    return await command.run(rest, io)
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`sightline ${name}: ${e.message}\n\n${command.usage}\n`)
      return 2
    }
    if (e instanceof RewardEngineError || e instanceof CommandError) {
      io.stderr.write(`sightline ${name}: ${e.message}\n`)
      return 2
    }
    throw e
  }
}
