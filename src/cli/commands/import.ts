import { readFile, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { defaultRegistry } from '../../rewards/packs.js'
import { compileSpec, parseSpecText } from '../../spec/index.js'
import { detectImportFormat, IMPORT_FORMATS, type ImportFormat, openStore, readImport } from '../../store/index.js'
import { type CliCommand, type CliIo, UsageError } from '../command.js'

const USAGE = `usage: sightline import --db F --run NAME [--format verl|trl|jsonl] [--spec S] INPUT

Reads trainer rollouts into the rollout store (SQLite), one transaction per batch, running the reward-hacking
detectors as it goes; then \`sightline serve --db F\` shows them in the inspector.
  INPUT            verl: a trainer.rollout_data_dir folder of <step>.jsonl (or one file)
                   trl: a GRPOTrainer completions .parquet (or a folder of them)
                   jsonl: Sightline scored JSONL ({...item, score, components} or {item, result} per line)
  --db F           the store (created when missing; images go beside it)
  --run NAME       the run to add to (created when missing; default: the input's name)
  --format F       one of ${IMPORT_FORMATS.join(', ')} (default: guessed from the input)
  --spec S         the spec that scored the run: the overlay and re-scoring use it
  --batch N        rollouts per transaction (default 1000)
  --quiet          no progress on stderr`

const MAX_LISTED = 20

export const importCommand: CliCommand = {
  name: 'import',
  usage: USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    let parsed: ReturnType<typeof parse>
    try {
      parsed = parse(args)
    } catch (e) {
      throw new UsageError((e as Error).message)
    }
    const { values, positionals } = parsed
    const input = positionals[0]
    if (!input || positionals.length > 1) throw new UsageError('expected one INPUT (a file or a folder)')
    if (!values.db) throw new UsageError('--db is required (the SQLite store to write)')
    const path = resolve(io.cwd, input)
    try {
      await stat(path)
    } catch {
      throw new UsageError(`cannot read ${input}`)
    }
    const format = (values.format ?? (await detectImportFormat(path))) as ImportFormat
    if (!IMPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${IMPORT_FORMATS.join(', ')}`)
    const batchSize = Number(values.batch ?? 1000)
    if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new UsageError(`--batch expects a positive integer`)
    let specText: string | undefined
    if (values.spec) {
      specText = await readFile(resolve(io.cwd, values.spec), 'utf8')
      compileSpec(parseSpecText(specText, values.spec), defaultRegistry(), { source: values.spec }) // fails loudly now
    }
    const store = openStore(resolve(io.cwd, values.db))
    try {
      const name = values.run ?? input.replace(/\/+$/, '').split('/').pop() ?? 'import'
      const run = await store.ensureRun({ name, source: format, specText })
      const started = performance.now()
      let rollouts = 0
      let problems = 0
      for await (const batch of await readImport(path, format, batchSize)) {
        for (const p of batch.problems) {
          if (problems++ < MAX_LISTED) io.stderr.write(`${p.at}: ${p.message}\n`)
        }
        if (batch.rollouts.length) await store.ingest(run.id, batch.rollouts)
        rollouts += batch.rollouts.length
        if (!values.quiet && io.isTTY) io.stderr.write(`\r${rollouts} rollouts`)
      }
      const s = (performance.now() - started) / 1000
      const info = await store.getRun(run.id)
      io.stderr.write(
        `${io.isTTY && !values.quiet ? '\n' : ''}imported ${rollouts} rollouts into run "${name}" (id ${run.id}) in ${s.toFixed(1)} s` +
          `${problems ? `; ${problems} entries skipped` : ''}; ${info?.findings ?? 0} findings. Inspect: sightline serve --db ${values.db}\n`,
      )
      return problems > 0 && rollouts === 0 ? 1 : 0
    } finally {
      await store.close()
    }
  },
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      db: { type: 'string' },
      run: { type: 'string' },
      format: { type: 'string' },
      spec: { type: 'string' },
      batch: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  })
}
