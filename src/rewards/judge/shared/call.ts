/**
 * What every judge reward shares: the call params, the messages (images first, then the filled template), and
 * one call that never throws. No judge configured, an endpoint down after its retries, a refusal: each becomes
 * an invalid output with a `reward_error` reason, so the item carries `error` and is never a silent 0.
 */
import { z } from 'zod'
import {
  type ChatMessage,
  type ImageRef,
  invalid,
  type RewardContext,
  type RewardOutput,
  type ScoreItem,
} from '../../../core/index.js'
import type { JudgeContentPart, JudgeMessage, JudgeOptions, JudgeReply } from '../../../core/judge.js'

export const callParams = {
  model: z
    .string()
    .min(1)
    .optional()
    .describe('the model name sent to the judge endpoint; default: the service’s (--judge-model)'),
  temperature: z.number().min(0).max(2).default(0).describe('sampling temperature; 0 (default) for repeatable judging'),
  maxTokens: z.number().int().min(1).max(32_768).default(512).describe('most tokens the judge may write'),
  seed: z.number().int().optional().describe('sampling seed; default: the service’s fixed seed'),
  system: z.string().max(64_000).optional().describe('a system message for the judge'),
  images: z
    .enum(['all', 'first', 'none'])
    .default('all')
    .describe('which of the item’s images the judge sees: "all" (up to maxImages), "first" or "none"'),
  maxImages: z.number().int().min(0).max(16).default(4).describe('most images sent per call'),
  maxChars: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(20_000)
    .describe('longest response sent to the judge, in characters; longer is invalid (too_large), never judged'),
}

export interface CallParams {
  model?: string | undefined
  temperature: number
  maxTokens: number
  seed?: number | undefined
  system?: string | undefined
  images: 'all' | 'first' | 'none'
  maxImages: number
  maxChars: number
}

/** The components every judge reward reports beside its own: what the judging cost. */
export const USAGE_COMPONENTS = ['tokens', 'latency_ms', 'cached'] as const

/** Usage summed over the calls behind one output. */
export interface Spent {
  tokens: number
  latencyMs: number
  calls: number
  cachedCalls: number
}

export const nothingSpent = (): Spent => ({ tokens: 0, latencyMs: 0, calls: 0, cachedCalls: 0 })

export function spend(s: Spent, reply: JudgeReply): void {
  s.tokens += reply.usage.totalTokens
  s.latencyMs += reply.latencyMs
  s.calls++
  if (reply.cached) s.cachedCalls++
}

/** The usage components: total tokens, judge time in ms, and 1 when every call was a cache hit. */
export function usageComponents(s: Spent): Record<(typeof USAGE_COMPONENTS)[number], number> {
  return {
    tokens: s.tokens,
    latency_ms: Math.round(s.latencyMs * 1000) / 1000,
    cached: s.calls > 0 && s.cachedCalls === s.calls ? 1 : 0,
  }
}

/** Zero for every component key (what a failed output carries). */
export function zeros(keys: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const k of keys) out[k] = 0
  return out
}

/** The prompt as text: a string as is, chat messages' text parts joined (images are sent as images). */
export function promptText(prompt: ScoreItem['prompt']): string {
  if (prompt === undefined) return ''
  if (typeof prompt === 'string') return prompt
  const parts: string[] = []
  for (const m of prompt as ChatMessage[]) {
    if (m.role === 'system' || m.role === 'assistant') continue
    if (typeof m.content === 'string') parts.push(m.content)
    else for (const p of m.content) if (p.type === 'text' && typeof p.text === 'string') parts.push(p.text)
  }
  return parts.join('\n')
}

export function selectImages(item: ScoreItem, params: CallParams): ImageRef[] {
  const all = item.images ?? []
  if (params.images === 'none' || params.maxImages === 0) return []
  return params.images === 'first' ? all.slice(0, 1) : all.slice(0, params.maxImages)
}

/** A system message (when given) and one user message: the images, then the text. */
export function judgeMessages(text: string, images: readonly ImageRef[], system?: string): JudgeMessage[] {
  const content: JudgeContentPart[] = images.map((image) => ({ type: 'image', image }))
  content.push({ type: 'text', text })
  const user: JudgeMessage = { role: 'user', content }
  return system ? [{ role: 'system', content: system }, user] : [user]
}

export function callOptions(params: CallParams, context: RewardContext, extra: JudgeOptions = {}): JudgeOptions {
  const o: JudgeOptions = { temperature: params.temperature, maxTokens: params.maxTokens, ...extra }
  if (params.model !== undefined) o.model = params.model
  if (params.seed !== undefined) o.seed = params.seed
  if (context.signal) o.signal = context.signal
  return o
}

export const NO_JUDGE =
  'no judge configured: start sightline with --judge-url and --judge-model (or pass services.judge to compileSpec)'

/**
 * One judge call that never throws: the reply, or the invalid output to return (no judge, endpoint failure,
 * refusal), carrying `components`.
 */
export async function ask(
  context: RewardContext,
  messages: readonly JudgeMessage[],
  options: JudgeOptions,
  components: Record<string, number>,
): Promise<JudgeReply | RewardOutput> {
  const judge = context.services.judge
  if (!judge) return invalid({ code: 'reward_error', message: NO_JUDGE }, 0, components)
  let reply: JudgeReply
  try {
    reply = await judge.complete(messages, options)
  } catch (e) {
    return invalid({ code: 'reward_error', message: `judge failed: ${(e as Error).message}` }, 0, components)
  }
  if (reply.refusal !== undefined)
    return invalid({ code: 'reward_error', message: `judge refused: ${clip(reply.refusal)}` }, 0, components)
  return reply
}

export const isOutput = (x: JudgeReply | RewardOutput): x is RewardOutput => 'valid' in x

/** An invalid output for a judge reply that could not be read as `expected` (the judge's fault, not the policy's). */
export function unreadable(reply: JudgeReply, expected: string, components: Record<string, number>): RewardOutput {
  return invalid(
    {
      code: 'reward_error',
      message: `could not read the judge's reply as ${expected}: ${JSON.stringify(clip(reply.text))}`,
    },
    0,
    components,
  )
}

/** The response is too long to send: invalid, never judged (a judge must not be flooded). */
export function tooLong(response: string, max: number, components: Record<string, number>): RewardOutput | undefined {
  if (response.length <= max) return undefined
  return invalid({ code: 'too_large', limit: 'response length (maxChars)', size: response.length, max }, 0, components)
}

export function clip(s: string, n = 200): string {
  return s.length > n ? `${s.slice(0, n)}…` : s
}
