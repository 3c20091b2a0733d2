import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { parseBenchData } from '../../judge/bench/data.js'
import { renderHtml } from '../../judge/bench/html.js'
import { buildReport, formatReport } from '../../judge/bench/report.js'
import { runJudgeBench } from '../../judge/bench/run.js'
import { ImagePreparer, JUDGE_FLAGS, JudgeFlagError, judgeFromFlags } from '../../judge/index.js'
import { type CliCommand, type CliIo, UsageError } from '../command.js'

const USAGE = `usage: sightline judge-bench --judge URL --model M --in pairs.jsonl [--out report.json] [--html report.html]

Measures a judge model on pairwise preference data, judging every pair in both orders: accuracy forward,
reverse and pooled (MMRB2), VL-RewardBench accuracy (its swap rule), overall and per category (macro),
position consistency, tie rate, tokens, cost and latency. A table on stdout; JSON with --out; HTML with --html.
Data (JSONL): VL-RewardBench {id, query, image, response: [a, b], human_ranking: [ra, rb], category} (rank 0 =
preferred; image a path, URL or list) or MMRB2 {id, prompt, images, response_A, response_B, better_response, task}.

options:
  --judge URL          OpenAI-compatible base URL (vLLM, SGLang, Ollama, OpenAI), e.g. http://localhost:8000/v1
  --model M            the judge model (default: the first one the endpoint lists)
  --in F               the pairs (.jsonl); relative image paths are read from its folder
  --out F              write the figures as JSON
  --html F             write a report page with each pair's images and verdicts
  --prompt-file F      a pairwise prompt template ({{prompt}} {{response_1}} {{response_2}})
  --limit N            judge the first N pairs
  --concurrency N      pairs in flight (default 32; calls are also capped by --judge-concurrency)
  --max-tokens N       judge reply budget (default 1024)
  --price-in USD       price per 1M prompt tokens, for the cost line
  --price-out USD      price per 1M completion tokens
  --allow-dir D        other folders images may be read from (repeatable)
  --allow-url HOST     image URL hosts that may be fetched (repeatable)
  --judge-key-env, --judge-cache, --judge-concurrency, --judge-timeout-ms, --judge-max-side, --judge-seed: as in serve`

const num = (flag: string, v: string | undefined, min: number, whole = true): number | undefined => {
  if (v === undefined) return undefined
  const n = Number(v)
  if (!Number.isFinite(n) || n < min || (whole && !Number.isInteger(n)))
    throw new UsageError(`--${flag} expects a ${whole ? 'whole ' : ''}number ≥ ${min}, got "${v}"`)
  return n
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  let values: Record<string, string | string[] | undefined>
  try {
    ;({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        judge: { type: 'string' },
        model: { type: 'string' },
        in: { type: 'string' },
        out: { type: 'string' },
        html: { type: 'string' },
        'prompt-file': { type: 'string' },
        limit: { type: 'string' },
        concurrency: { type: 'string' },
        'max-tokens': { type: 'string' },
        'price-in': { type: 'string' },
        'price-out': { type: 'string' },
        'allow-dir': { type: 'string', multiple: true, default: [] },
        'allow-url': { type: 'string', multiple: true, default: [] },
        ...JUDGE_FLAGS,
      },
    }))
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  const s = (k: string) => values[k] as string | undefined
  const url = s('judge') ?? s('judge-url')
  if (!url) throw new UsageError('--judge is required: the judge’s OpenAI-compatible base URL')
  const input = s('in')
  if (!input) throw new UsageError('--in is required: a .jsonl of pairs')
  const at = (p: string) => resolve(io.cwd, p)
  let text: string
  try {
    text = await readFile(at(input), 'utf8')
  } catch (e) {
    throw new UsageError(`cannot read --in ${input}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
  }
  const base = dirname(at(input))
  const { pairs: all, problems } = parseBenchData(text, base)
  for (const p of problems.slice(0, 20))
    io.stderr.write(`sightline judge-bench: ${input}: line ${p.line}: ${p.message}\n`)
  if (problems.length > 20) io.stderr.write(`sightline judge-bench: … and ${problems.length - 20} more bad lines\n`)
  const limit = num('limit', s('limit'), 1)
  const pairs = limit === undefined ? all : all.slice(0, limit)
  if (pairs.length === 0) throw new UsageError(`--in ${input} holds no usable pairs`)
  const priceIn = num('price-in', s('price-in'), 0, false)
  const priceOut = num('price-out', s('price-out'), 0, false)
  const prompt = s('prompt-file') ? await readFile(at(s('prompt-file') as string), 'utf8') : undefined
  const allowDirs = [base, ...(values['allow-dir'] as string[])]
  const allowUrlHosts = values['allow-url'] as string[]
  let judge: Awaited<ReturnType<typeof judgeFromFlags>>
  try {
    const flags = Object.fromEntries(Object.keys(JUDGE_FLAGS).map((k) => [k, s(k)]))
    judge = await judgeFromFlags(
      { ...flags, 'judge-url': url, 'judge-model': s('model') ?? s('judge-model') },
      { cwd: io.cwd, allowDirs, allowUrlHosts },
    )
  } catch (e) {
    throw e instanceof JudgeFlagError ? new UsageError(e.message) : e
  }
  if (!judge) throw new UsageError('--judge is required')
  const started = performance.now()
  try {
    const maxTokens = num('max-tokens', s('max-tokens'), 1)
    const concurrency = num('concurrency', s('concurrency'), 1)
    const results = await runJudgeBench(pairs, judge, {
      ...(prompt ? { prompt } : {}),
      ...(maxTokens ? { maxTokens } : {}),
      ...(concurrency ? { concurrency } : {}),
      onProgress: io.isTTY ? (d, n) => void io.stderr.write(`\rjudged ${d}/${n} pairs`) : undefined,
    })
    if (io.isTTY) io.stderr.write('\n')
    const model = judge.model ?? '(the endpoint’s first model)'
    const prices =
      priceIn !== undefined || priceOut !== undefined
        ? { inputPerMillion: priceIn ?? 0, outputPerMillion: priceOut ?? 0 }
        : undefined
    const report = buildReport(results, { url: judge.url, model }, (performance.now() - started) / 1000, prices)
    io.stdout.write(formatReport(report))
    const write = async (path: string, body: string) => {
      await mkdir(dirname(at(path)), { recursive: true })
      await writeFile(at(path), body)
    }
    if (s('out'))
      await write(s('out') as string, `${JSON.stringify(report, (_, v) => (Number.isNaN(v) ? null : v), 2)}\n`)
    if (s('html'))
      await write(
        s('html') as string,
        await renderHtml(report, results, new ImagePreparer({ allowDirs, allowUrlHosts, maxSide: 256 })),
      )
    return report.overall.errors > 0 ? 1 : 0
  } finally {
    judge.close()
  }
}

export const judgeBenchCommand: CliCommand = {
  name: 'judge-bench',
  usage: USAGE,
  run,
}
