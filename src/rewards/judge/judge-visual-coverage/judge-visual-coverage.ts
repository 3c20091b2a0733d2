import type { RewardContext, RewardOutput, ScoreItem } from '../../../core/index.js'
import { invalid, scored } from '../../../core/index.js'
import type { Mode } from '../../shared/params.js'
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
import { indexedFlags } from '../shared/parse.js'
import { renderTemplate } from '../shared/template.js'
import { itemVars } from '../shared/vars.js'

export interface JudgeVisualCoverageOptions extends CallParams {
  prompt: string
  field: string
  mode: Mode
}

export const JUDGE_VISUAL_COVERAGE_COMPONENTS = ['items', 'covered', 'tokens', 'latency_ms', 'cached'] as const

export const VISUAL_COVERAGE_PROMPT = `You are given the key visual information of an image, as numbered items, and a model's response to a question about it.

Key visual information:
{{info}}

Response:
{{response}}

For each item K, write <infoK>1</infoK> if the response states or correctly uses that information, else <infoK>0</infoK>.
Write one verdict for every item, in order, and nothing else.`

/** The annotated key-information items: a list of strings in `meta[field]` (a lone string is one item). */
function keyInfo(item: ScoreItem, field: string): string[] | undefined {
  const v = item.meta?.[field]
  if (typeof v === 'string') return v.trim() === '' ? undefined : [v]
  if (!Array.isArray(v)) return undefined
  const out = v.filter((x): x is string => typeof x === 'string' && x.trim() !== '')
  return out.length > 0 ? out.slice(0, 64) : undefined
}

/**
 * Perception-R1's visual perception reward R_vis: a text-only judge sees the sample's annotated key visual
 * information as `<info1>…</info1>…` and the response, and answers `<infoK>0|1</infoK>` per item;
 * `R_vis = Σ clamp(s_k, 0, 1)/(K + 1e-6)`. Mode `faithful`: no key info scores 0 and a judge failure scores 0, as
 * the reference does; `fixed` (default) makes the first `missing_input` and the second `reward_error`, so neither
 * is a silent 0.
 * @see https://github.com/tongxiao2002/Perception-R1 verl/utils/reward_score/math_with_visual.py; rewards.md §5e
 * @example judgeVisualCoverage(...) // 3 items, judge marks 1 0 1 //= 2 / (3 + 1e-6) ≈ 0.6667
 */
export async function judgeVisualCoverage(
  item: ScoreItem,
  response: string,
  params: JudgeVisualCoverageOptions,
  context: RewardContext,
): Promise<RewardOutput> {
  const zero = zeros(JUDGE_VISUAL_COVERAGE_COMPONENTS)
  const faithful = params.mode === 'faithful'
  const big = tooLong(response, params.maxChars, zero)
  if (big) return big
  const info = keyInfo(item, params.field)
  if (!info)
    return faithful
      ? scored(0, { code: 'ok', note: `no key visual information in meta.${params.field}: 0, as the reference` }, zero)
      : invalid(
          {
            code: 'missing_input',
            field: `meta.${params.field}`,
            expected: 'a list of key visual information strings',
          },
          0,
          zero,
        )
  const listed = info.map((s, k) => `<info${k + 1}>${s}</info${k + 1}>`).join('\n')
  const text = renderTemplate(params.prompt, { ...itemVars(item, response), info: listed }, item.meta)
  const reply = await ask(
    context,
    judgeMessages(text, selectImages(item, params), params.system),
    callOptions(params, context),
    {
      ...zero,
      items: info.length,
    },
  )
  if (isOutput(reply))
    return faithful
      ? scored(0, { code: 'ok', note: `judge failed, 0 as the reference: ${formatFailure(reply)}` }, reply.components)
      : reply
  const spent = nothingSpent()
  spend(spent, reply)
  const usage = usageComponents(spent)
  const flags = indexedFlags(reply.text, 'info', info.length)
  if (!faithful && flags.every((f) => f === undefined))
    return unreadable(reply, '<infoK>0|1</infoK> verdicts', { ...zero, items: info.length, ...usage })
  let covered = 0
  for (const f of flags) covered += f === undefined ? 0 : Math.min(1, Math.max(0, f))
  return scored(covered / (info.length + 1e-6), undefined, { items: info.length, covered, ...usage })
}

function formatFailure(out: RewardOutput): string {
  return 'message' in out.reason ? out.reason.message : out.reason.code
}
