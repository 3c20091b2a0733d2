import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { loadRegistry } from '../../runtime/index.js'
import { type CliCommand, type CliIo, UsageError } from '../command.js'

const USAGE = `usage: sightline rewards [--json] [--plugin M ...]

Lists the registered rewards: id, version, pack, what each needs (a reference, image sizes, a judge, the whole
group) and a one-line summary, then a line of its params: name=default, name? (optional, no default), or
name (required); long defaults are cut short. --json prints everything, params as JSON Schema included (as
GET /v1/rewards).`

/** The params line wraps here, so the listing reads in an ordinary terminal. */
const WIDTH = 100
/** a default longer than this (as JSON) is shown as its first characters and "…", to this length */
const MAX_DEFAULT = 24

/** `threshold=0.5`, `coordSpace?` or `expected (required)`: one param of a reward, from its JSON Schema. */
function paramText(name: string, schema: unknown, required: boolean): string {
  if (typeof schema === 'object' && schema !== null && 'default' in schema) {
    const text = JSON.stringify(schema.default) ?? 'undefined'
    return `${name}=${text.length > MAX_DEFAULT ? `${text.slice(0, MAX_DEFAULT - 1)}…` : text}`
  }
  return required ? `${name} (required)` : `${name}?`
}

/** The indented params line(s) under a reward's row, wrapped at WIDTH. */
function paramsLines(params: unknown): string[] {
  const p = (typeof params === 'object' && params !== null ? params : {}) as {
    properties?: Record<string, unknown>
    required?: readonly string[]
  }
  const required = new Set(p.required ?? [])
  const parts = Object.entries(p.properties ?? {}).map(([k, v]) => paramText(k, v, required.has(k)))
  if (parts.length === 0) return ['  params: none']
  const lines: string[] = []
  let line = '  params:'
  for (const [i, part] of parts.entries()) {
    const piece = `${part}${i < parts.length - 1 ? ',' : ''}`
    if (line.length + 1 + piece.length > WIDTH && line.trim() !== 'params:') {
      lines.push(line)
      line = `          ${piece}`
    } else line += ` ${piece}`
  }
  lines.push(line)
  return lines
}

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
  const body = rows.flatMap((r, i) => [line(r), ...paramsLines(list[i]?.params)])
  io.stdout.write(`${[line(head), ...body].join('\n')}\n`)
  io.stdout.write(`${list.length} rewards; "sightline rewards --json" for their params as JSON Schema\n`)
  return 0
}

export const rewardsCommand: CliCommand = {
  name: 'rewards',
  usage: USAGE,
  run,
}
