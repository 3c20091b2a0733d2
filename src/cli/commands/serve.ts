import { readFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { JUDGE_FLAGS, JUDGE_USAGE, JudgeFlagError, judgeFromFlags } from '../../judge/index.js'
import { createScoringPool, loadRegistry } from '../../runtime/index.js'
import { openAiEmbedder } from '../../server/embeddings.js'
import { createApp, DEFAULT_LIMITS, imagePolicy, inProcessScorer, isLoopback, listen } from '../../server/index.js'
import { INSPECTOR_FLAGS, INSPECTOR_USAGE, inspectorFromFlags } from '../../server/inspector-flags.js'
import { poolScorer } from '../../server/pool-scorer.js'
import { type CliCommand, type CliIo, UsageError } from '../command.js'

const USAGE = `usage: sightline serve [--host 127.0.0.1] [--port 8787] [--spec S] [options]

The reward server: POST /v1/score, /get_reward (OpenRLHF), /v1/fine_tuning/alpha/graders/{run,validate}
(OpenAI graders); GET /v1/rewards, /healthz, /metrics, /openapi.json, /docs.
  --spec S             the reward spec (YAML or JSON) used when a request carries none
  --host H             bind address (default 127.0.0.1); a non-loopback host needs --token or --insecure
  --port N             (default 8787; 0 picks a free port)
  --token T            require "Authorization: Bearer T" (or set SIGHTLINE_TOKEN)
  --insecure           allow a non-loopback bind without a token, and any Host header
  --allow-dir D        image paths may point under D (repeatable); none by default
  --allow-url HOST     image URLs may point at HOST (repeatable); none by default
  --workers N          scoring threads (default: the cores, ${availableParallelism()} here; 0 scores in-process)
  --timeout-ms N       per-item deadline (default 5000)
  --max-body BYTES     largest request body (default 67108864); suffixes k, m allowed
  --max-batch N        most items in one request (default ${DEFAULT_LIMITS.maxBatchItems})
  --max-pending N      most items queued across requests before 503 (default ${DEFAULT_LIMITS.maxPendingItems})
  --plugin M           a module exporting \`packs\` of extra rewards (repeatable)
  --embeddings-url U   OpenAI-compatible embeddings endpoint for text_similarity "cosine"
  --embeddings-model M (default text-embedding-3-large; key from OPENAI_API_KEY)
${JUDGE_USAGE}
${INSPECTOR_USAGE}
Browsers: POST bodies must be Content-Type: application/json (else 415), so a web page cannot post to the
server without a CORS preflight, which it never grants. Without --token, requests must name a loopback Host
(localhost, *.localhost, 127.0.0.1, [::1], any port; else 403 bad_host), against DNS rebinding; --token or
--insecure turns that check off.
SIGTERM or SIGINT: stop accepting, finish in-flight work, exit 0. A port in use: one line, exit 2.`

function parse(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false }).values
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
}

const OPTIONS = {
  spec: { type: 'string' },
  host: { type: 'string', default: '127.0.0.1' },
  port: { type: 'string', default: '8787' },
  token: { type: 'string' },
  insecure: { type: 'boolean', default: false },
  'allow-dir': { type: 'string', multiple: true, default: [] as string[] },
  'allow-url': { type: 'string', multiple: true, default: [] as string[] },
  workers: { type: 'string' },
  'timeout-ms': { type: 'string', default: '5000' },
  'max-body': { type: 'string', default: '64m' },
  'max-batch': { type: 'string' },
  'max-pending': { type: 'string' },
  plugin: { type: 'string', multiple: true, default: [] as string[] },
  'embeddings-url': { type: 'string' },
  'embeddings-model': { type: 'string', default: 'text-embedding-3-large' },
  ...JUDGE_FLAGS,
  ...INSPECTOR_FLAGS,
} satisfies ParseArgsConfig['options']

function count(flag: string, text: string | undefined, fallback: number, min = 0): number {
  if (text === undefined) return fallback
  const m = /^(\d+)([km]?)$/i.exec(text.trim())
  const n = m ? Number(m[1]) * (m[2]?.toLowerCase() === 'k' ? 1024 : m[2]?.toLowerCase() === 'm' ? 1024 ** 2 : 1) : NaN
  if (!Number.isSafeInteger(n) || n < min)
    throw new UsageError(`--${flag} expects a whole number ≥ ${min}, got "${text}"`)
  return n
}

/** `stopped` resolves when SIGTERM or SIGINT arrives; `cancel` stops listening for them. */
function stopSignal(): { stopped: Promise<string>; cancel(): void } {
  let cancel = () => {}
  const stopped = new Promise<string>((done) => {
    const on = (signal: string) => {
      cancel()
      done(signal)
    }
    cancel = () => {
      process.off('SIGTERM', on)
      process.off('SIGINT', on)
    }
    process.on('SIGTERM', on)
    process.on('SIGINT', on)
  })
  return { stopped, cancel }
}

export const serveCommand: CliCommand = {
  name: 'serve',
  usage: USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const values = parse(args)
    const token = values.token ?? process.env.SIGHTLINE_TOKEN
    if (!isLoopback(values.host) && !token && !values.insecure)
      throw new UsageError(
        `refusing to bind ${values.host} (reachable from other machines) without --token; pass --insecure to do it anyway`,
      )
    const port = count('port', values.port, 8787)
    const timeoutMs = count('timeout-ms', values['timeout-ms'], 5000, 1)
    const workers = count('workers', values.workers, availableParallelism())
    let specText: string | undefined
    if (values.spec) {
      try {
        specText = await readFile(resolve(io.cwd, values.spec), 'utf8')
      } catch (e) {
        throw new UsageError(`cannot read --spec ${values.spec}: ${(e as Error).message}`)
      }
    }
    let images: ReturnType<typeof imagePolicy>
    try {
      images = imagePolicy(
        values['allow-dir'].map((d) => resolve(io.cwd, d)),
        values['allow-url'],
      )
    } catch (e) {
      throw new UsageError(`--allow-dir: ${(e as Error).message}`)
    }
    let judge: Awaited<ReturnType<typeof judgeFromFlags>>
    try {
      judge = await judgeFromFlags(values, {
        cwd: io.cwd,
        allowDirs: values['allow-dir'],
        allowUrlHosts: values['allow-url'],
      })
    } catch (e) {
      if (e instanceof JudgeFlagError) throw new UsageError(e.message)
      throw e
    }
    const plugins = values.plugin.map((p) => resolve(io.cwd, p))
    const registry = await loadRegistry(plugins)
    const inspector = await inspectorFromFlags(values, io.cwd, (line) => io.stderr.write(`sightline serve: ${line}\n`))
    const pool = workers > 0 ? createScoringPool({ workers, plugins }) : undefined
    const scorer = pool ? poolScorer(pool, { itemTimeoutMs: timeoutMs }) : inProcessScorer({ itemTimeoutMs: timeoutMs })
    const server = createApp({
      registry,
      specText,
      specSource: values.spec ?? 'spec',
      scorer,
      timeoutMs,
      token,
      hostCheck: !token && !values.insecure,
      images,
      maxBodyBytes: count('max-body', values['max-body'], 64 * 1024 ** 2, 1),
      limits: {
        maxBatchItems: count('max-batch', values['max-batch'], DEFAULT_LIMITS.maxBatchItems, 1),
        maxPendingItems: count('max-pending', values['max-pending'], DEFAULT_LIMITS.maxPendingItems, 1),
      },
      judge,
      ...(inspector ? { inspector } : {}),
      embed: values['embeddings-url']
        ? openAiEmbedder({
            url: values['embeddings-url'],
            model: values['embeddings-model'],
            apiKey: process.env.OPENAI_API_KEY,
          })
        : undefined,
    })
    // the workers load the rewards and compile the spec now, so the first batch does not wait for them
    if (pool && specText) await pool.compile(specText, values.spec ?? 'spec')
    const stop = stopSignal()
    let running: Awaited<ReturnType<typeof listen>>
    try {
      running = await listen(server, { host: values.host, port })
    } catch (e) {
      // a taken port (ListenError): release what started, then main prints the one line and exits 2
      stop.cancel()
      await scorer.close()
      await inspector?.store.close()
      judge?.close()
      throw e
    }
    io.stderr.write(
      `sightline serve: listening on ${running.url} (${registry.ids.length} rewards, ${workers} workers` +
        `${specText ? `, spec ${values.spec}` : ', no --spec'}${token ? ', bearer auth' : ''}${judge ? `, judge ${judge.url}` : ''}); docs at ${running.url}/docs\n`,
    )
    if (inspector)
      io.stdout.write(`inspector: ${running.url}/${inspector.demoRunId ? `#/runs/${inspector.demoRunId}` : ''}\n`)
    const signal = await stop.stopped
    io.stderr.write(`sightline serve: ${signal}: finishing in-flight requests\n`)
    await running.close()
    await scorer.close()
    await inspector?.store.close()
    judge?.close()
    io.stderr.write('sightline serve: stopped\n')
    return 0
  },
}
