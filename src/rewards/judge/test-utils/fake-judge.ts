/** A scripted in-memory judge for reward tests: no network, no node:* (the real client is tested in test/judge). */
import type { JudgeMessage, JudgeOptions, JudgeReply, JudgeService, JudgeTokenLogprob } from '../../../core/judge.js'

export type FakeAnswer =
  | string
  | Error
  | { text?: string; refusal?: string; logprobs?: JudgeTokenLogprob[]; tokens?: number }

export interface FakeCall {
  messages: readonly JudgeMessage[]
  options: JudgeOptions
  /** the user message's text */
  text: string
  /** image parts sent */
  images: number
}

/** A judge that answers with `answer(call)`; records every call. */
export function fakeJudge(answer: (call: FakeCall, n: number) => FakeAnswer): JudgeService & { calls: FakeCall[] } {
  const calls: FakeCall[] = []
  return {
    model: 'fake-judge',
    calls,
    async complete(messages, options = {}) {
      const user = messages.find((m) => m.role === 'user')
      const parts =
        typeof user?.content === 'string' ? [{ type: 'text' as const, text: user.content }] : (user?.content ?? [])
      const call: FakeCall = {
        messages,
        options,
        text: parts.map((p) => (p.type === 'text' ? p.text : '')).join(''),
        images: parts.filter((p) => p.type === 'image').length,
      }
      calls.push(call)
      const a = answer(call, calls.length - 1)
      if (a instanceof Error) throw a
      const o = typeof a === 'string' ? { text: a } : a
      const tokens = o.tokens ?? 10
      const reply: JudgeReply = {
        text: o.text ?? '',
        usage: { promptTokens: tokens - 2, completionTokens: 2, totalTokens: tokens, cachedTokens: 0 },
        latencyMs: 5,
        cached: false,
        model: options.model ?? 'fake-judge',
      }
      if (o.refusal !== undefined) reply.refusal = o.refusal
      if (o.logprobs) reply.logprobs = o.logprobs
      return reply
    },
  }
}

/** Logprobs for a reply whose first token is `first`, with alternatives `top` (token → probability). */
export function firstTokenLogprobs(first: string, top: Record<string, number>): JudgeTokenLogprob[] {
  const alts = Object.entries(top).map(([token, p]) => ({ token, logprob: Math.log(p) }))
  return [{ token: first, logprob: Math.log(top[first] ?? 1), top: alts }]
}
