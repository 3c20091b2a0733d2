import { extractTag } from '../../parsing/tags.js'
import { parseClaims, parseMotionTags } from '../shared/claims.js'

export interface MotionFormatDetail {
  score: 0 | 0.5 | 1
  /** what kept the score below 1 */
  missing?: 'think-answer' | 'paired-tags' | 'claims' | 'motion-tag'
}

const PAIRED = ['think', 'answer', 'obj', 'box', 't'] as const

/**
 * Motion-o's format reward: 1 when `<think>` and `<answer>` are present, every `<think> <answer> <obj> <box> <t>`
 * tag is closed as often as opened, and the think trace makes at least one spatio-temporal claim (plus, with
 * `requireMotion`, a full `<motion obj dir speed scale/>` tag); .5 with `<think>` and `<answer>` alone; else 0.
 * @see rewards.md §6d; ostadabbas/Motion-o `training/reward_func_v3.py`
 * @example motionFormatScore('<think><obj>a</obj><box>[0,0,1,1]</box>at<t>1</t>s</think><answer>x</answer>').score //= 1
 */
export function motionFormatScore(response: string, requireMotion = false): MotionFormatDetail {
  const think = extractTag(response, 'think', { lenient: false })
  if (think === undefined || extractTag(response, 'answer', { lenient: false }) === undefined)
    return { score: 0, missing: 'think-answer' }
  for (const tag of PAIRED)
    if (count(response, `<${tag}>`) !== count(response, `</${tag}>`)) return { score: 0.5, missing: 'paired-tags' }
  const claims = parseClaims(think)
  if (!claims || claims.length === 0) return { score: 0.5, missing: 'claims' }
  if (requireMotion && ![...parseMotionTags(think).values()].some((m) => m.speed !== undefined))
    return { score: 0.5, missing: 'motion-tag' }
  return { score: 1 }
}

function count(s: string, needle: string): number {
  let n = 0
  for (let i = s.indexOf(needle); i !== -1; i = s.indexOf(needle, i + needle.length)) n++
  return n
}
