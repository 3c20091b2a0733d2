import type { ScoreItem } from '../../../core/index.js'
import { extractTag } from '../../parsing/tags.js'
import { promptText } from './call.js'
import { asText } from './template.js'

/** Placeholders every judge template may use. */
export const ITEM_VARS = ['prompt', 'response', 'answer', 'think', 'reference'] as const

/**
 * The item's placeholder values: the prompt's text, the response, its `<answer>` block (the whole response when
 * it has none) and `<think>` block, and the reference (JSON when not a string).
 */
export function itemVars(item: ScoreItem, response: string): Record<string, string> {
  return {
    prompt: promptText(item.prompt),
    response,
    answer: (extractTag(response, 'answer') ?? response).trim(),
    think: (extractTag(response, 'think') ?? '').trim(),
    reference: asText(item.reference),
  }
}
