/**
 * `score_model` and `label_model` graders through the judge client (`--judge-url`): the grader's `input`
 * messages are rendered (templates in text and image URLs), sent with the output contract appended, and the
 * reply read with the judge pack's parsers. Failures are data with OpenAI's flags: server errors
 * (`model_grader_server_error` with details), refusals, unreadable replies (reward 0, never a guess).
 */
import type { JudgeContentPart, JudgeMessage, JudgeOptions, JudgeReply, JudgeService } from '../../core/judge.js'
import { parseLabel, parseRubricScore } from '../../rewards/judge/shared/parse.js'
import type { GraderOutcome, RunGrader } from './compile.js'
import type { InnerGrader } from './schema.js'
import { render, type TemplateContext } from './template.js'

type ScoreModel = Extract<InnerGrader, { type: 'score_model' }>
type LabelModel = Extract<InnerGrader, { type: 'label_model' }>

export interface TokenUsage {
  prompt_tokens: number
  total_tokens: number
  completion_tokens: number
  cached_tokens: number
}

const fail = (
  flag: keyof GraderOutcome['errors'] & string,
  details: string,
  usage?: GraderOutcome['usage'],
): GraderOutcome => ({
  reward: 0,
  scores: {},
  subRewards: {},
  errors: { [flag]: true },
  details,
  ...(usage ? { usage } : {}),
})

/** The EvalItem messages as judge messages; a template that does not render is the sample's problem. */
function messages(input: ScoreModel['input'], ctx: TemplateContext): JudgeMessage[] | GraderOutcome {
  const out: JudgeMessage[] = []
  for (const m of input) {
    const role =
      m.role === 'developer' || m.role === 'system' ? 'system' : m.role === 'assistant' ? 'assistant' : 'user'
    const raw = Array.isArray(m.content) ? m.content : [m.content]
    const parts: JudgeContentPart[] = []
    for (const p of raw) {
      const part = typeof p === 'string' ? { type: 'input_text', text: p } : (p as Record<string, unknown>)
      const isImage = part.type === 'input_image'
      const template = isImage ? part.image_url : part.text
      if (typeof template !== 'string') continue
      const r = render(template, ctx)
      if ('error' in r)
        return fail(r.error === 'sample_parse' ? 'sample_parse_error' : 'invalid_variable_error', r.message)
      if (!isImage) parts.push({ type: 'text', text: r.text })
      else {
        const detail =
          part.detail === 'low' || part.detail === 'high' || part.detail === 'auto' ? part.detail : undefined
        parts.push({ type: 'image', image: { url: r.text }, ...(detail ? { detail } : {}) })
      }
    }
    out.push({ role, content: parts })
  }
  return out
}

function samplingOptions(judge: JudgeService, model: string, sp: Record<string, unknown> | undefined): JudgeOptions {
  const o: JudgeOptions = {}
  if (!judge.model) o.model = model // a configured --judge-model wins over the name in the grader
  const num = (k: string) => (typeof sp?.[k] === 'number' ? (sp[k] as number) : undefined)
  const t = num('temperature')
  const p = num('top_p')
  const s = num('seed')
  const m = num('max_completions_tokens') ?? num('max_completion_tokens')
  if (t !== undefined) o.temperature = t
  if (p !== undefined) o.topP = p
  if (s !== undefined) o.seed = s
  if (m !== undefined) o.maxTokens = m
  return o
}

function usageOf(reply: JudgeReply): Record<string, TokenUsage> {
  const u = reply.usage
  return {
    [reply.model]: {
      prompt_tokens: u.promptTokens,
      completion_tokens: u.completionTokens,
      total_tokens: u.totalTokens,
      cached_tokens: u.cachedTokens,
    },
  }
}

async function call(
  judge: JudgeService,
  g: ScoreModel | LabelModel,
  ctx: TemplateContext,
  contract: string,
  read: (reply: JudgeReply) => GraderOutcome,
): Promise<GraderOutcome> {
  const msgs = messages(g.input, ctx)
  if (!Array.isArray(msgs)) return msgs
  msgs.push({ role: 'system', content: contract })
  const sp = 'sampling_params' in g ? g.sampling_params : undefined
  let reply: JudgeReply
  try {
    reply = await judge.complete(msgs, samplingOptions(judge, g.model, sp))
  } catch (e) {
    return fail('model_grader_server_error', (e as Error).message)
  }
  const usage = usageOf(reply)
  if (reply.refusal !== undefined) return fail('model_grader_refusal_error', reply.refusal, usage)
  return { ...read(reply), usage, model: reply.model }
}

export function scoreModelGrader(g: ScoreModel, judge: JudgeService): RunGrader {
  const [min, max] = g.range ?? [0, 1]
  const contract = `Reply with JSON only: {"steps": [{"description": string, "conclusion": string}], "result": number}, where result is a score from ${min} to ${max}.`
  return (ctx) =>
    call(judge, g, ctx, contract, (reply) => {
      const r = parseRubricScore(reply.text)
      if (r === undefined)
        return fail('model_grader_parse_error', `no numeric "result" in ${JSON.stringify(reply.text.slice(0, 200))}`)
      return { reward: Math.min(max, Math.max(min, r)), scores: {}, subRewards: {}, errors: {} }
    })
}

export function labelModelGrader(g: LabelModel, judge: JudgeService): RunGrader {
  const contract = `Reply with exactly one of these labels and nothing else: ${g.labels.join(', ')}`
  return (ctx) =>
    call(judge, g, ctx, contract, (reply) => {
      const label = parseLabel(reply.text, g.labels)
      if (label === undefined)
        return fail(
          'model_grader_parse_error',
          `no label of ${g.labels.join(', ')} in ${JSON.stringify(reply.text.slice(0, 200))}`,
        )
      return { reward: g.passing_labels.includes(label) ? 1 : 0, scores: {}, subRewards: {}, errors: {} }
    })
}
