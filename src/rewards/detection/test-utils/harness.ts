import type { z } from 'zod'
import { type RewardDefinition, type RewardOutput, runReward, type ScoreItem } from '../../../core/index.js'

/** Scores one response with a reward's params parsed through its schema (as a spec would). */
export function scoreWith<P>(
  def: RewardDefinition<P>,
  params: z.input<RewardDefinition<P>['params']> | Record<string, unknown>,
  response: string,
  reference: unknown,
  item: Partial<ScoreItem> = {},
): RewardOutput {
  const parsed = def.params.parse(params)
  const out = runReward(def, parsed, { response, reference, ...item }, { services: {} })
  if (out instanceof Promise) throw new Error('detection rewards are synchronous')
  return out
}

/** `<answer>` with a Qwen2.5-VL JSON list of `[box, label]` pairs. */
export function answerOf(objs: readonly (readonly [readonly number[], string])[], fenced = false): string {
  const json = JSON.stringify(objs.map(([b, label]) => ({ bbox_2d: b, label })))
  return `<think>looking</think><answer>${fenced ? `\`\`\`json\n${json}\n\`\`\`` : json}</answer>`
}
