import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { loadRegistry } from '../../runtime/index.js'
import { type CliCommand, type CliIo, UsageError } from '../command.js'

const USAGE = `usage: sightline rewards [--json] [--plugin M ...]

Lists the registered rewards: id, version, pack, what each needs (a reference, image sizes, a judge, the whole
group) and a one-line summary. --json prints everything, params as JSON Schema included (as GET /v1/rewards).`

async function run(args: readonly string[], io: CliIo): Promise<number> {
  let values: { json?: boolean; plugin?: string[] }
  try {
    ;({ values } = parseArgs({
      args: [...args],
      options: { json: { type: 'boolean' }, plugin: { type: 'string', multiple: true, default: [] } },
    }))
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  const registry = await loadRegistry((values.plugin ?? []).map((p) => resolve(io.cwd, p)))
  const list = registry.list()
  if (values.json) {
    io.stdout.write(`${JSON.stringify(list, null, 2)}\n`)
    return 0
  }
  const rows = list.map((m) => [
    m.id,
    `v${m.version}`,
    m.pack,
    Object.entries(m.needs)
      .filter(([, v]) => v)
      .map(([k]) => k)
      .join(',') || '-',
    m.summary,
  ])
  const head = ['id', 'version', 'pack', 'needs', 'summary']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)))
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd()
  io.stdout.write(`${[line(head), ...rows.map(line)].join('\n')}\n`)
  io.stdout.write(`${list.length} rewards; "sightline rewards --json" for their params\n`)
  return 0
}

export const rewardsCommand: CliCommand = {
  name: 'rewards',
  usage: USAGE,
  run,
}
