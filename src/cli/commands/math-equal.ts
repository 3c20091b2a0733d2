import { createReadStream } from 'node:fs'
import { access } from 'node:fs/promises'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { z } from 'zod'
import { formatPath, quoteValue } from '../../core/index.js'
import type { MathEquivalentResult } from '../../rewards/math/math-equivalent/index.js'
import { createMathPool } from '../../runtime/deadline/index.js'
import { type CliCommand, type CliIo, UsageError } from '../command.js'
import { openOutputStream } from '../files.js'

/** One input line (interfaces.md §3); other fields are kept and echoed. */
const MathEqualLine = z
  .object({
    gold: z.union([z.string(), z.number()]).describe('the reference answer, a string or a number'),
    pred: z.string().describe('the model output, a string'),
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
                  too_large | timeout | bad_line
  --timeout-ms T  hard deadline per line (default 2000); past it: equal false, reason timeout
  --workers N     threads (default: every core)

A line that is not JSON or not such an object is reported on stderr with its number, and written back with
equal false, reason bad_line and error (what was expected), so output lines stay aligned with input lines;
the rest are still checked. Blank lines are skipped. Exit code 1 when any line was bad, 2 on bad usage.`

/** bad lines printed on stderr; the rest are counted */
const MAX_LISTED = 50

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

/** What is wrong with one field, in the words of its description: `gold: missing (expected …)`. */
function issueText(issue: z.core.$ZodIssue, data: unknown): string {
  const [key, ...rest] = issue.path
  if (key === undefined) return `expected a JSON object {gold, pred, ...}, got ${quoteValue(data)}`
  const what = rest.length === 0 ? MathEqualLine.shape[key as keyof typeof MathEqualLine.shape]?.description : undefined
  if (!what) return `${formatPath(issue.path)}: ${issue.message}`
  const value = (data as Record<string, unknown>)[key as string]
  return value === undefined
    ? `${String(key)}: missing (expected ${what})`
    : `${String(key)}: expected ${what}, got ${quoteValue(value)}`
}

/** One input line: its fields, or what is wrong with it (the fields it has are still echoed). */
function parseLine(text: string): { line: MathEqualLine } | { error: string; fields: Record<string, unknown> } {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    return { error: `not JSON: ${(e as Error).message}`, fields: {} }
  }
  const parsed = MathEqualLine.safeParse(data)
  if (parsed.success) return { line: parsed.data }
  const fields =
    typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {}
  return { error: parsed.error.issues.map((i) => issueText(i, data)).join('; '), fields }
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
  const output = await openOutputStream(a.out, io, '--out')
  const pool = createMathPool({ deadlineMs: a.timeoutMs, ...(a.workers ? { size: a.workers } : {}) })
  const done: (string | undefined)[] = []
  let next = 0
  const counts: Record<string, number> = {}
  let writeFailure: unknown
  const flush = () => {
    let chunk = ''
    while (next < done.length && done[next] !== undefined) {
      chunk += done[next]
      done[next++] = ''
    }
    if (chunk)
      output.write(chunk)?.catch((e: unknown) => {
        writeFailure ??= e
      })
  }
  const inFlight = new Set<Promise<void>>()
  let lineNo = 0
  let index = 0
  let bad = 0
  let failed = false
  try {
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      lineNo++
      if (text.trim() === '') continue
      if (writeFailure !== undefined) throw writeFailure
      const parsed = parseLine(text)
      const at = index++
      if ('error' in parsed) {
        if (bad++ < MAX_LISTED) io.stderr.write(`sightline math-equal: ${a.input} line ${lineNo}: ${parsed.error}\n`)
        counts.bad_line = (counts.bad_line ?? 0) + 1
        const result = { equal: false, goldParsed: [], predParsed: [], reason: 'bad_line', error: parsed.error }
        done[at] = `${JSON.stringify({ ...parsed.fields, ...result })}\n`
        flush()
        continue
      }
      const { line } = parsed
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
  } catch (e) {
    failed = true
    throw e
  } finally {
    await Promise.allSettled(inFlight)
    flush()
    await pool.close()
    // a failed write is reported by close; after another failure, that one is the error to report
    await output.close().catch((e: unknown) => {
      if (!failed) throw e
    })
  }
  if (bad > MAX_LISTED) io.stderr.write(`sightline math-equal: … and ${bad - MAX_LISTED} more bad lines\n`)
  const summary = Object.entries(counts)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ')
  io.stderr.write(`math-equal: ${index} pairs${summary ? `: ${summary}` : ''}\n`)
  return bad > 0 ? 1 : 0
}

export const mathEqualCommand: CliCommand = {
  name: 'math-equal',
  usage: USAGE,
  run,
}
