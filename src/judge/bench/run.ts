/**
 * Runs a judge over pairwise data in both orders and measures it: accuracy forward, reverse and pooled (MMRB2),
 * VL-RewardBench's swap-rule accuracy, overall and per category (macro), position consistency, tie and
 * unreadable rates, tokens, cost and latency.
 */
import type { JudgeService } from '../../core/judge.js'
import { judgePair, PAIR_PROMPT } from '../../rewards/judge/shared/pair.js'
import type { PairVerdict } from '../../rewards/judge/shared/parse.js'
import type { BenchPair } from './data.js'

export interface BenchItemResult {
  pair: BenchPair
  /** verdict with response a shown first, mapped to the candidate it prefers (0 = a, 1 = b, 'tie') */
  forward: 0 | 1 | 'tie' | undefined
  /** verdict with b shown first, mapped back the same way */
  reverse: 0 | 1 | 'tie' | undefined
  errors: string[]
  tokens: { prompt: number; completion: number }
  /** latency of each call that was not a cache hit, ms */
  latencies: number[]
  cachedCalls: number
}

export interface JudgeBenchOptions {
  prompt?: string
  model?: string
  maxTokens?: number
  /** pairs judged at once (each is two calls); default 32 */
  concurrency?: number
  onProgress?: ((done: number, total: number) => void) | undefined
}

const toCandidate = (v: PairVerdict | undefined, firstIs: 0 | 1): 0 | 1 | 'tie' | undefined =>
  v === undefined ? undefined : v === 'tie' ? 'tie' : v === 'first' ? firstIs : ((1 - firstIs) as 0 | 1)

export async function runJudgeBench(
  pairs: readonly BenchPair[],
  judge: JudgeService,
  options: JudgeBenchOptions = {},
): Promise<BenchItemResult[]> {
  const template = options.prompt ?? PAIR_PROMPT
  const params = {
    temperature: 0,
    maxTokens: options.maxTokens ?? 1024,
    images: 'all' as const,
    maxImages: 8,
    maxChars: Number.POSITIVE_INFINITY,
    ...(options.model ? { model: options.model } : {}),
  }
  const context = { services: { judge } }
  const out = new Array<BenchItemResult>(pairs.length)
  let next = 0
  let done = 0
  const one = async (pair: BenchPair): Promise<BenchItemResult> => {
    const vars = { prompt: pair.query, reference: '' }
    const [a, b] = pair.responses
    const calls = await Promise.all([
      judgePair(template, vars, a, b, pair.images, params, context),
      judgePair(template, vars, b, a, pair.images, params, context),
    ])
    const r: BenchItemResult = {
      pair,
      forward: undefined,
      reverse: undefined,
      errors: [],
      tokens: { prompt: 0, completion: 0 },
      latencies: [],
      cachedCalls: 0,
    }
    calls.forEach((c, k) => {
      if ('failed' in c) {
        r.errors.push(c.failed)
        return
      }
      r.tokens.prompt += c.reply.usage.promptTokens
      r.tokens.completion += c.reply.usage.completionTokens
      if (c.reply.cached) r.cachedCalls++
      else r.latencies.push(c.reply.latencyMs)
      if (k === 0) r.forward = toCandidate(c.verdict, 0)
      else r.reverse = toCandidate(c.verdict, 1)
    })
    return r
  }
  const worker = async () => {
    while (next < pairs.length) {
      const k = next++
      out[k] = await one(pairs[k] as BenchPair)
      options.onProgress?.(++done, pairs.length)
    }
  }
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 32, pairs.length) }, worker))
  return out
}
