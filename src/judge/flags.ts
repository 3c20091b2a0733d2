/**
 * The judge flags `serve`, `score` and `judge-bench` share, and the client they build: one place, so the
 * commands agree on names, defaults and error messages.
 */
import { resolve } from 'node:path'
import type { JudgeClient } from './client.js'

export const JUDGE_FLAGS = {
  'judge-url': { type: 'string' },
  'judge-model': { type: 'string' },
  'judge-key-env': { type: 'string' },
  'judge-cache': { type: 'string' },
  'judge-concurrency': { type: 'string' },
  'judge-timeout-ms': { type: 'string' },
  'judge-max-side': { type: 'string' },
  'judge-seed': { type: 'string' },
} as const

export const JUDGE_USAGE = `judge (for rewards with needs.judge, and score_model/label_model graders):
  --judge-url U          OpenAI-compatible base URL, e.g. http://localhost:8000/v1 (vLLM, SGLang, Ollama, OpenAI)
  --judge-model M        model name sent (default: the first one GET /models lists)
  --judge-key-env VAR    environment variable holding the API key (default OPENAI_API_KEY when set)
  --judge-cache F        SQLite file caching replies across runs (default: in memory, this run only)
  --judge-concurrency N  calls in flight to the endpoint (default 64)
  --judge-timeout-ms N   per attempt (default 60000); 429, 5xx and timeouts are retried 4 times
  --judge-max-side N     longest image side sent, px (default 1024)
  --judge-seed N         seed sent with every call (default 0)`

export type JudgeFlagValues = Partial<Record<keyof typeof JUDGE_FLAGS, string | undefined>>

/** A bad judge flag; the command prints it with its usage (exit 2). */
export class JudgeFlagError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'JudgeFlagError'
  }
}

/**
 * What a command says before scoring a spec whose rewards need a judge (`needs.judge`) when no --judge-url was
 * given: otherwise every item would come back as a reward_error.
 */
export function missingJudgeMessage(source: string, rewardIds: readonly string[]): string {
  const names = rewardIds.map((id) => `"${id}"`).join(', ')
  const verb = rewardIds.length === 1 ? 'needs' : 'need'
  return `${source} uses ${names}, which ${verb} a judge model: pass --judge-url (an OpenAI-compatible endpoint, e.g. http://localhost:8000/v1)`
}

function whole(flag: string, v: string | undefined, fallback: number, min: number): number {
  if (v === undefined) return fallback
  const n = Number(v)
  if (!Number.isInteger(n) || n < min) throw new JudgeFlagError(`--${flag} expects a whole number ≥ ${min}, got "${v}"`)
  return n
}

export interface JudgeFromFlagsOptions {
  cwd: string
  env?: NodeJS.ProcessEnv
  /** image roots and URL hosts (the server's --allow-dir / --allow-url) */
  allowDirs?: readonly string[]
  allowUrlHosts?: readonly string[]
}

/**
 * The judge client the flags describe, or undefined without `--judge-url`. The client and its cache are loaded
 * only then (the openai package, sharp, prom-client): a command without a judge starts without them.
 */
export async function judgeFromFlags(
  values: JudgeFlagValues,
  options: JudgeFromFlagsOptions,
): Promise<JudgeClient | undefined> {
  const url = values['judge-url']
  const others = Object.keys(JUDGE_FLAGS).filter(
    (k) => k !== 'judge-url' && values[k as keyof JudgeFlagValues] !== undefined,
  )
  if (!url) {
    if (others.length > 0) throw new JudgeFlagError(`--${others[0]} needs --judge-url`)
    return undefined
  }
  try {
    new URL(url)
  } catch {
    throw new JudgeFlagError(`--judge-url expects a URL such as http://localhost:8000/v1, got "${url}"`)
  }
  const env = options.env ?? process.env
  const keyEnv = values['judge-key-env']
  if (keyEnv !== undefined && env[keyEnv] === undefined)
    throw new JudgeFlagError(`--judge-key-env: $${keyEnv} is not set`)
  const apiKey = keyEnv !== undefined ? env[keyEnv] : env.OPENAI_API_KEY
  const cachePath = values['judge-cache']
  const concurrency = whole('judge-concurrency', values['judge-concurrency'], 64, 1)
  const timeoutMs = whole('judge-timeout-ms', values['judge-timeout-ms'], 60_000, 1)
  const seed = whole('judge-seed', values['judge-seed'], 0, 0)
  const maxSide = whole('judge-max-side', values['judge-max-side'], 1024, 16)
  const [{ createJudgeClient }, { sqliteCache }] = await Promise.all([import('./client.js'), import('./cache.js')])
  return createJudgeClient({
    url,
    model: values['judge-model'],
    apiKey,
    concurrency,
    timeoutMs,
    seed,
    images: {
      allowDirs: (options.allowDirs ?? []).map((d) => resolve(options.cwd, d)),
      allowUrlHosts: options.allowUrlHosts ?? [],
      maxSide,
    },
    ...(cachePath ? { cache: sqliteCache(resolve(options.cwd, cachePath)) } : {}),
  })
}
