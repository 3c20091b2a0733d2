import { createReadStream, createWriteStream } from 'node:fs'
import { access } from 'node:fs/promises'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { z } from 'zod'
import { ConfigError, formatPath } from '../../core/index.js'
import type { MathEquivalentResult } from '../../rewards/math/math-equivalent/index.js'
import { createMathPool } from '../../runtime/deadline/index.js'
import { type CliCommand, type CliIo, UsageError } from '../command.js'

/** One input line (interfaces.md §3); other fields are kept and echoed. */
const MathEqualLine = z
  .object({
    gold: z.union([z.string(), z.number()]).describe('the reference answer, a string or a number'),
    pred: z.string().describe('the model output (free text)'),
    extract: z
      .array(z.enum(['latex', 'expr']))
      .min(1)
      .optional()
      .describe('["latex", "expr"] or a subset'),
    floatRounding: z.int().min(0).max(20).optional().describe('an integer 0..20'),
    numericPrecision: z.int().min(1).max(20).optional().describe('an integer 1..20'),
    strict: z.boolean().optional().describe('a boolean'),
    allowSetRelationComparison: z.boolean().optional().describe('a boolean'),
    boxedFirst: z.boolean().optional().describe('a boolean'),
  })
  .loose()
type MathEqualLine = z.infer<typeof MathEqualLine>

const USAGE = `usage: sightline math-equal --in F [--out O] [--timeout-ms 2000] [--workers N]

Math answer equivalence (Math-Verify's judgement) for a JSONL file, in parallel on every core.
  --in F          lines {gold, pred, extract?, floatRounding?, numericPrecision?, strict?,
                  allowSetRelationComparison?, boxedFirst?}; "-" reads stdin
  --out O         where to write (default stdout): each line back, in order, with equal, reason,
                  goldParsed, predParsed; reason is ok | not_equal | unparseable_gold | unparseable_pred |
                  too_large | timeout
  --timeout-ms T  hard deadline per line (default 2000); past it: equal false, reason timeout
  --workers N     threads (default: every core)`

interface Args {
  input: string
  out?: string
  timeoutMs: number
  workers?: number
}

function parseArgs(args: readonly string[]): Args {
  const out: Partial<Args> = { timeoutMs: 2000 }
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string
    const v = args[i + 1]
    if (!['--in', '--out', '--timeout-ms', '--workers'].includes(a)) throw new UsageError(`unknown option "${a}"`)
    if (v === undefined || (v.startsWith('--') && v !== '-')) throw new UsageError(`${a} needs a value`)
    i++
    if (a === '--in') out.input = v
    else if (a === '--out') out.out = v
    else {
      const n = Number(v)
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`${a} must be a positive integer, got "${v}"`)
      if (a === '--timeout-ms') out.timeoutMs = n
      else out.workers = n
    }
  }
  if (!out.input) throw new UsageError('--in is required')
  return out as Args
}

function parseLine(text: string, file: string, lineNo: number): MathEqualLine {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    throw new ConfigError(`${file} line ${lineNo}`, [{ path: '', message: `not JSON: ${(e as Error).message}` }])
  }
  const parsed = MathEqualLine.safeParse(data)
  if (!parsed.success)
    throw new ConfigError(
      `${file} line ${lineNo}`,
      parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    )
  return parsed.data
}

function optionsOf(line: MathEqualLine) {
  const { extract, floatRounding, numericPrecision, strict, allowSetRelationComparison, boxedFirst } = line
  return Object.fromEntries(
    Object.entries({ extract, floatRounding, numericPrecision, strict, allowSetRelationComparison, boxedFirst }).filter(
      ([, v]) => v !== undefined,
    ),
  )
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const a = parseArgs(args)
  if (a.input !== '-')
    await access(resolve(io.cwd, a.input)).catch((e: Error) => {
      throw new UsageError(`cannot read ${a.input}: ${e.message}`)
    })
  const input: Readable = a.input === '-' ? io.stdin : createReadStream(resolve(io.cwd, a.input))
  const output: Writable = a.out ? createWriteStream(resolve(io.cwd, a.out)) : io.stdout
  const pool = createMathPool({ deadlineMs: a.timeoutMs, ...(a.workers ? { size: a.workers } : {}) })
  const done: (string | undefined)[] = []
  let next = 0
  const counts: Record<string, number> = {}
  const flush = () => {
    let chunk = ''
    while (next < done.length && done[next] !== undefined) {
      chunk += done[next]
      done[next++] = ''
    }
    if (chunk) output.write(chunk)
  }
  const inFlight = new Set<Promise<void>>()
  let lineNo = 0
  let index = 0
  try {
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      lineNo++
      if (text.trim() === '') continue
      const line = parseLine(text, a.input, lineNo)
      const at = index++
      done[at] = undefined
      const job: Promise<void> = pool
        .check({ gold: line.gold, pred: line.pred, options: optionsOf(line) })
        .then((r: MathEquivalentResult) => {
          counts[r.reason] = (counts[r.reason] ?? 0) + 1
          done[at] = `${JSON.stringify({ ...line, ...r })}\n`
          flush()
        })
        .finally(() => inFlight.delete(job))
      inFlight.add(job)
      if (inFlight.size >= pool.size * 8) await Promise.race(inFlight)
    }
    await Promise.all(inFlight)
  } finally {
    await Promise.allSettled(inFlight)
    flush()
    await pool.close()
    if (output !== io.stdout) await new Promise<void>((ok) => output.end(ok))
  }
  const summary = Object.entries(counts)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ')
  io.stderr.write(`math-equal: ${index} pairs${summary ? `: ${summary}` : ''}\n`)
  return 0
}

export const mathEqualCommand: CliCommand = {
  name: 'math-equal',
  usage: USAGE,
  run,
}
