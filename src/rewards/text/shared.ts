import { z } from 'zod'
import { invalid, type RewardOutput } from '../../core/outcome.js'
import { describeValue } from '../../core/reason.js'
import { extractTag } from '../parsing/tags.js'

/** Longest answer or reference scored, in UTF-16 units: keeps O(n·m) metrics bounded on runaway output. */
export const MAX_TEXT_CHARS = 20_000

export const answerFromParam = z
  .enum(['answer-tag-or-whole', 'answer-tag', 'whole'])
  .default('answer-tag-or-whole')
  .describe(
    'where the answer is read: "answer-tag-or-whole" (the first <answer> block, else the whole output, as BLEUBERI), "answer-tag" (the block only; none → no_answer), "whole"',
  )
export type AnswerFrom = z.infer<typeof answerFromParam>

export interface AnswerText {
  /** trimmed */
  text: string
  /** as written, untrimmed (ANLS's faithful mode measures this) */
  raw: string
}

export const isOutput = (x: unknown): x is RewardOutput =>
  typeof x === 'object' && x !== null && 'valid' in x && 'reason' in x

/** The answer text, or the invalid output that says why there is none (missing, empty, too large). */
export function readAnswer(response: string, from: AnswerFrom): AnswerText | RewardOutput {
  let raw: string | undefined = response
  if (from !== 'whole') {
    raw = extractTag(response, 'answer')
    if (raw === undefined) {
      if (from === 'answer-tag') return invalid({ code: 'no_answer', expected: '<answer>…</answer>' })
      raw = response
    }
  }
  if (raw.length > MAX_TEXT_CHARS)
    return invalid({ code: 'too_large', limit: 'answer length (chars)', size: raw.length, max: MAX_TEXT_CHARS })
  const text = raw.trim()
  if (text === '') return invalid({ code: 'empty_answer' })
  return { text, raw }
}

/**
 * `item.reference` as a non-empty list of strings (a string, a number, or an array of them), at least one of them
 * with text: a reference that is empty or only whitespace is `invalid_reference`, since every metric here would
 * score it as data (BLEU as high as .84). A blank entry beside real ones is kept (VQA counts every annotator).
 */
export function readReferences(reference: unknown): string[] | RewardOutput {
  const expected = 'a string or a non-empty list of strings'
  if (reference === undefined || reference === null) return invalid({ code: 'missing_reference', expected })
  const list = Array.isArray(reference) ? reference : [reference]
  if (list.length === 0) return invalid({ code: 'invalid_reference', expected, got: describeValue(reference) })
  const out: string[] = []
  for (const r of list) {
    if (typeof r === 'string') out.push(r)
    else if (typeof r === 'number' && Number.isFinite(r)) out.push(String(r))
    else return invalid({ code: 'invalid_reference', expected, got: describeValue(reference) })
    const last = out[out.length - 1] as string
    if (last.length > MAX_TEXT_CHARS)
      return invalid({ code: 'too_large', limit: 'reference length (chars)', size: last.length, max: MAX_TEXT_CHARS })
  }
  if (out.every((r) => r.trim() === ''))
    return invalid({
      code: 'invalid_reference',
      expected: 'reference text that is not empty',
      got: `only blank text (${describeValue(reference)})`,
    })
  return out
}

export const lowercaseParam = (fallback: boolean, what: string) =>
  z.boolean().default(fallback).describe(`lower-case both sides before comparing (${what})`)

/** Length of a response in tokens from `item.meta`, or undefined when the item carries none. */
export function metaTokenCount(meta: Record<string, unknown> | undefined): number | undefined {
  if (!meta) return undefined
  const t = meta.tokens
  if (typeof t === 'number' && Number.isFinite(t) && t >= 0) return t
  if (Array.isArray(t)) return t.length
  const r = meta.responseLength
  if (typeof r === 'number' && Number.isFinite(r) && r >= 0) return r
  return undefined
}

/**
 * Memoises a pure function of a string in a bounded map (cleared when full). References repeat across the G
 * rollouts of a GRPO group, so their normalised or tokenized forms are worth keeping.
 */
export function memoize<T>(fn: (s: string) => T, max = 4096): (s: string) => T {
  let cache = new Map<string, T>()
  return (s) => {
    let v = cache.get(s)
    if (v === undefined) {
      if (cache.size >= max) cache = new Map()
      v = fn(s)
      cache.set(s, v)
    }
    return v
  }
}
