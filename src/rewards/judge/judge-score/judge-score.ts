import type { RewardContext, RewardOutput, ScoreItem } from '../../../core/index.js'
import { scored } from '../../../core/index.js'
import {
  ask,
  type CallParams,
  callOptions,
  isOutput,
  judgeMessages,
  nothingSpent,
  selectImages,
  spend,
  tooLong,
  unreadable,
  usageComponents,
  zeros,
} from '../shared/call.js'
import { parseRubricScore } from '../shared/parse.js'
import { renderTemplate } from '../shared/template.js'
import { itemVars } from '../shared/vars.js'

export interface JudgeScoreOptions extends CallParams {
  prompt: string
  range: readonly [number, number]
}

export const JUDGE_SCORE_COMPONENTS = ['raw', 'tokens', 'latency_ms', 'cached'] as const

export const JUDGE_SCORE_PROMPT = `You are grading a model's answer to a question about the image(s).

Question:
{{prompt}}

Reference answer (may be empty):
{{reference}}

Model answer:
{{response}}

Grade the model answer from {{min}} (wrong or unhelpful) to {{max}} (fully correct and grounded in the image).
Reply with JSON only: {"steps": [{"description": "...", "conclusion": "..."}], "result": <number>}`

/**
 * Pointwise rubric score: the judge writes `{"result": number, "steps": [...]}` (OpenAI's `score_model`
 * contract); the result is clamped to `range` and mapped to [0, 1] as `(r − min)/(max − min)`. A reply with no
 * number is an error (never 0 in disguise).
 * @see protocols.md §B (OpenAI RFT score_model grader)
 * @example judgeScore(item, params, ctx) // judge replies {"result": 8} with range [0, 10] //= 0.8
 */
export async function judgeScore(
  item: ScoreItem,
  response: string,
  params: JudgeScoreOptions,
  context: RewardContext,
): Promise<RewardOutput> {
  const zero = zeros(JUDGE_SCORE_COMPONENTS)
  const big = tooLong(response, params.maxChars, zero)
  if (big) return big
  const [min, max] = params.range
  const vars = { ...itemVars(item, response), min: String(min), max: String(max) }
  const text = renderTemplate(params.prompt, vars, item.meta)
  const reply = await ask(
    context,
    judgeMessages(text, selectImages(item, params), params.system),
    callOptions(params, context),
    zero,
  )
  if (isOutput(reply)) return reply
  const spent = nothingSpent()
  spend(spent, reply)
  const usage = usageComponents(spent)
  const r = parseRubricScore(reply.text)
  if (r === undefined) return unreadable(reply, '{"result": number}', { ...zero, ...usage })
  const raw = Math.min(max, Math.max(min, r))
  const score = max === min ? 1 : (raw - min) / (max - min)
  const comps = { raw, ...usage }
  return r === raw
    ? scored(score, undefined, comps)
    : scored(score, { code: 'ok', note: `judge said ${r}, clamped to ${raw}` }, comps)
}
