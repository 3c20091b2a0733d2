import { RewardEngineError } from '../core/errors.js'
import { type CliIo, type CommandEntry, UsageError } from './command.js'
import { commands } from './commands/index.js'

function processIo(): CliIo {
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
  return `sightline: rewards for multimodal RL\n\nusage: sightline <command> [options]\n\n${rows.join('\n')}\n\nRun "sightline <command> --help" for a command's options.\n`
}

/** Runs `sightline <args>` and returns the exit code. */
export async function main(args: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = args
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help(commands))
    return name ? 0 : 2
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
    if (e instanceof RewardEngineError) {
      io.stderr.write(`sightline ${name}: ${e.message}\n`)
      return 2
    }
    throw e
  }
}
