import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import type { Readable } from 'node:stream'
import { parseArgs } from 'node:util'
import { createGunzip } from 'node:zlib'
import {
  JUDGE_FLAGS,
  JUDGE_USAGE,
  JudgeFlagError,
  type JudgeFlagValues,
  judgeFromFlags,
  missingJudgeMessage,
} from '../../judge/flags.js'
// the pool, the stream and the parquet reader only: with workers, this thread never loads the rewards, the spec
// compiler, zod or yaml (the judge path below imports them when it needs them)
import { openParquet } from '../../runtime/parquet.js'
import { createScoringPool, DEFAULT_TIMEOUT_MS, type ScoringPool } from '../../runtime/pool.js'
import { jsonlSource, parquetSource, type SourceChunk, scoreStream } from '../../runtime/score-stream.js'
import { sightlineVersion } from '../../runtime/version.js'
import { type CliCommand, type CliIo, UsageError } from '../command.js'
import { openOutputStream, writeOutputFile } from '../files.js'
import { createProgress } from '../progress.js'
import { formatSummary, type Provenance, runSummary } from '../summary.js'

const USAGE = `usage: sightline score --spec S --in F [--out O] [options]

Scores a rollouts file and writes one ScoreResult per input entry as JSONL, in input order (stdout when no
--out), with a summary per component on stderr. Input: .jsonl of ScoreItem (also .jsonl.gz; "-" reads stdin)
or verl-style .parquet. A line that is not a ScoreItem is reported with its number and becomes a result with
valid=false and error.code "bad_item", so output lines stay aligned with input entries; blank lines are skipped.

options:
  --spec S             the reward spec, YAML or JSON (see schema/spec.schema.json)
  --in F               the rollouts: .jsonl, .jsonl.gz, .parquet, or - for JSONL on stdin
  --out O              where results go (default: stdout)
  --strict             exit 1 when any item is invalid, errored or not a ScoreItem
  --workers N|auto     worker threads; auto (default): one per core for inputs over 1 MiB, in-process below
  --timeout-ms N       per-item deadline, default ${DEFAULT_TIMEOUT_MS}; enforced on synchronous rewards by workers
                       (in-process, only asynchronous rewards such as judges can be stopped)
  --summary-json F     also write the summary (with provenance) as JSON
  --provenance F       write what produced the scores: reward ids, versions, params, spec hash, input
  --response-column C  parquet: the column with responses (default: response, responses or solution_str)
  --plugin M           a module exporting \`packs\` of your own rewards (repeatable)
  --quiet              no summary on stderr
  --allow-dir D        image paths a judge may read (repeatable; default: the working directory)
  --allow-url HOST     image URL hosts a judge may fetch (repeatable; none by default)
${JUDGE_USAGE}`

/** Inputs below this size are scored in-process under `--workers auto`: starting workers would cost more. */
const IN_PROCESS_BYTES = 1024 * 1024
const IN_PROCESS_ROWS = 2000
/** bad entries printed on stderr; the rest are counted */
const MAX_LISTED = 50

interface ScoreArgs {
  spec: string
  input: string
  out: string | undefined
  strict: boolean
  workers: number | 'auto'
  timeoutMs: number
  summaryJson: string | undefined
  provenance: string | undefined
  responseColumn: string | undefined
  plugins: string[]
  quiet: boolean
  judge: JudgeFlagValues
  allowDirs: string[]
  allowUrls: string[]
}

function parse(args: readonly string[]): ScoreArgs {
  let values: Record<string, string | boolean | string[] | undefined>
  try {
    ;({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        spec: { type: 'string' },
        in: { type: 'string' },
        out: { type: 'string' },
        strict: { type: 'boolean', default: false },
        workers: { type: 'string', default: 'auto' },
        'timeout-ms': { type: 'string' },
        'summary-json': { type: 'string' },
        provenance: { type: 'string' },
        'response-column': { type: 'string' },
        plugin: { type: 'string', multiple: true, default: [] },
        quiet: { type: 'boolean', default: false },
        'allow-dir': { type: 'string', multiple: true, default: [] },
        'allow-url': { type: 'string', multiple: true, default: [] },
        ...JUDGE_FLAGS,
      },
    }))
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  const str = (k: string) => values[k] as string | undefined
  const spec = str('spec')
  const input = str('in')
  if (!spec) throw new UsageError('--spec is required: the reward spec file (YAML or JSON)')
  if (!input) throw new UsageError('--in is required: a .jsonl or .parquet file, or - for stdin')
  const w = str('workers') as string
  const workers = w === 'auto' ? 'auto' : Number(w)
  if (workers !== 'auto' && !(Number.isInteger(workers) && workers >= 0 && workers <= 256))
    throw new UsageError(`--workers: expected "auto" or an integer from 0 to 256, got "${w}"`)
  const t = str('timeout-ms')
  const timeoutMs = t === undefined ? DEFAULT_TIMEOUT_MS : Number(t)
  if (!(Number.isInteger(timeoutMs) && timeoutMs > 0))
    throw new UsageError(`--timeout-ms: expected a positive integer (milliseconds), got "${t}"`)
  return {
    spec,
    input,
    out: str('out'),
    strict: values.strict === true,
    workers,
    timeoutMs,
    summaryJson: str('summary-json'),
    provenance: str('provenance'),
    responseColumn: str('response-column'),
    plugins: values.plugin as string[],
    quiet: values.quiet === true,
    judge: Object.fromEntries(Object.keys(JUDGE_FLAGS).map((k) => [k, str(k)])) as JudgeFlagValues,
    allowDirs: values['allow-dir'] as string[],
    allowUrls: values['allow-url'] as string[],
  }
}

async function readSpec(path: string, shown: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (e) {
    throw new UsageError(`cannot read --spec ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
  }
}

async function inputSize(path: string, shown: string): Promise<number> {
  try {
    const s = await stat(path)
    if (!s.isFile()) throw new UsageError(`--in ${shown} is not a file`)
    return s.size
  } catch (e) {
    if (e instanceof UsageError) throw e
    throw new UsageError(`cannot read --in ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
  }
}

const JSON_ARRAY_HINT =
  "  hint: the input looks like a JSON array; sightline score reads JSONL: one ScoreItem per line (jq -c '.[]' converts it)\n"

/** spaces, tabs, line ends and the bytes of a UTF-8 byte order mark */
const SKIPPED = new Set([0x20, 0x09, 0x0a, 0x0d, 0xef, 0xbb, 0xbf])

/** Passes `input` through, telling `onFirst` its first byte that is not blank (the start of the first entry). */
async function* firstByte(
  input: AsyncIterable<Uint8Array | string>,
  onFirst: (byte: number) => void,
): AsyncGenerator<Uint8Array | string> {
  let looking = true
  for await (const chunk of input) {
    if (looking) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      const at = bytes.findIndex((b) => !SKIPPED.has(b))
      if (at >= 0) {
        looking = false
        onFirst(bytes[at] as number)
      }
    }
    yield chunk
  }
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const a = parse(args)
  const at = (p: string) => resolve(io.cwd, p)
  const specText = await readSpec(at(a.spec), a.spec)
  const parquet = /\.parquet$/i.test(a.input)
  if (a.responseColumn !== undefined && !parquet) throw new UsageError('--response-column applies to .parquet input')
  const size = a.input === '-' ? Number.POSITIVE_INFINITY : await inputSize(at(a.input), a.input)
  const plugins = a.plugins.map(at)

  // the input decides `auto`: parquet by rows (known once opened), JSONL by bytes
  const pq = parquet
    ? await openParquet(at(a.input), a.responseColumn ? { responseColumn: a.responseColumn } : {})
    : undefined
  const small = pq ? pq.rows < IN_PROCESS_ROWS : size < IN_PROCESS_BYTES
  const workers = a.workers === 'auto' ? (small ? 0 : availableParallelism()) : a.workers
  let judge: Awaited<ReturnType<typeof judgeFromFlags>>
  try {
    const allowDirs = a.allowDirs.length > 0 ? a.allowDirs : ['.']
    judge = await judgeFromFlags(a.judge, { cwd: io.cwd, allowDirs, allowUrlHosts: a.allowUrls })
  } catch (e) {
    throw e instanceof JudgeFlagError ? new UsageError(e.message) : e
  }
  const pool = createScoringPool({ workers, plugins })
  try {
    const spec = await pool.compile(specText, a.spec)
    if (!judge && spec.judged.length > 0) throw new UsageError(missingJudgeMessage(a.spec, spec.judged))
    // judge rewards are asynchronous and scored in this thread: compile them once more with the judge service
    let scoring: ScoringPool = pool
    if (judge && spec.async) {
      const [{ loadRegistry }, { scoreChunkAsync }, { compileSpec, parseSpecText }] = await Promise.all([
        import('../../runtime/registry.js'),
        import('../../runtime/chunk.js'),
        import('../../spec/index.js'),
      ])
      const registry = await loadRegistry(plugins)
      const judged = compileSpec(parseSpecText(specText, a.spec), registry, { source: a.spec, services: { judge } })
      scoring = {
        ...pool,
        run: (_text, job, o) => scoreChunkAsync(judged, job, { timeoutMs: o?.timeoutMs ?? a.timeoutMs }),
      }
    }
    const provenance: Provenance = {
      sightline: sightlineVersion(),
      spec: { path: a.spec, sha256: createHash('sha256').update(specText).digest('hex') },
      rewards: spec.rewards,
      input: pq
        ? { path: a.input, format: 'parquet', responseColumn: pq.responseColumn }
        : { path: a.input, format: 'jsonl' },
      workers,
      timeoutMs: a.timeoutMs,
      startedAt: new Date().toISOString(),
    }
    if (a.provenance)
      await writeOutputFile(
        at(a.provenance),
        `${JSON.stringify(provenance, null, 2)}\n`,
        `--provenance ${a.provenance}`,
      )

    let source: AsyncIterable<SourceChunk>
    let jsonArray = false
    if (pq) source = parquetSource(pq)
    else {
      let stream: Readable = a.input === '-' ? io.stdin : createReadStream(at(a.input), { highWaterMark: 1 << 20 })
      if (/\.gz$/i.test(a.input)) stream = stream.pipe(createGunzip())
      source = jsonlSource(firstByte(stream, (b) => (jsonArray = b === 0x5b))) // "["
    }
    const progress =
      io.isTTY && !a.quiet ? createProgress(io.stderr, pq ? pq.rows : size, pq ? 'rows' : 'bytes') : undefined
    let listed = 0
    const output = await openOutputStream(a.out, io, '--out')
    const report = await scoreStream(source, {
      pool: scoring,
      specText,
      source: a.spec,
      componentKeys: spec.componentKeys,
      timeoutMs: a.timeoutMs,
      write: output.write,
      onProgress: (entries, done) => progress?.update(entries, done),
      onProblem: (p) => {
        if (listed++ >= MAX_LISTED) return
        progress?.clear()
        const hint = listed === 1 && jsonArray ? JSON_ARRAY_HINT : ''
        io.stderr.write(
          `sightline score: ${a.input === '-' ? 'stdin' : a.input}: ${p.unit} ${p.line}: ${p.message}\n${hint}`,
        )
      },
    })
    await output.close()
    progress?.clear()
    if (report.problemCount > MAX_LISTED)
      io.stderr.write(
        `sightline score: … and ${report.problemCount - MAX_LISTED} more entries that are not ScoreItems (error.code "bad_item" in the results)\n`,
      )
    const summary = runSummary(report.stats, report.seconds, provenance)
    if (!a.quiet) io.stderr.write(formatSummary(summary))
    if (a.summaryJson)
      await writeOutputFile(
        at(a.summaryJson),
        `${JSON.stringify(summary, null, 2)}\n`,
        `--summary-json ${a.summaryJson}`,
      )
    return a.strict && report.stats.invalid > 0 ? 1 : 0
  } finally {
    await pool.close()
    judge?.close()
  }
}

export const scoreCommand: CliCommand = {
  name: 'score',
  usage: USAGE,
  run,
}
