import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { loadRegistry } from '../../runtime/index.js'
import { specJsonSchema } from '../../spec/index.js'
import { type CliCommand, type CliIo, UsageError } from '../command.js'
import { writeOutputFile } from '../files.js'

const USAGE = `usage: sightline schema [--out F] [--plugin M ...]

Prints the JSON Schema of reward spec files (every registered reward's params included), for editor completion:
add "$schema": "./schema/spec.schema.json" to a JSON spec, or "# yaml-language-server: $schema=..." to YAML.`

async function run(args: readonly string[], io: CliIo): Promise<number> {
  let values: { out?: string; plugin?: string[] }
  try {
    ;({ values } = parseArgs({
      args: [...args],
      options: { out: { type: 'string' }, plugin: { type: 'string', multiple: true, default: [] } },
    }))
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  const registry = await loadRegistry((values.plugin ?? []).map((p) => resolve(io.cwd, p)))
  const text = `${JSON.stringify(specJsonSchema(registry), null, 2)}\n`
  if (values.out) await writeOutputFile(resolve(io.cwd, values.out), text, `--out ${values.out}`)
  else io.stdout.write(text)
  return 0
}

export const schemaCommand: CliCommand = {
  name: 'schema',
  usage: USAGE,
  run,
}
