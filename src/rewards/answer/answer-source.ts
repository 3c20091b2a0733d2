/**
 * Where the answer pack reads the answer, as params shared by its rewards: the `<answer>` block (first or last,
 * with or without DOTALL: the references differ, rewards.md P1), optionally falling back to the whole output, or
 * the last `\boxed{}`.
 */
import { z } from 'zod'
import { invalid, type RewardOutput } from '../../core/outcome.js'
import { extractBoxed } from '../parsing/boxed.js'
import { extractTag } from '../parsing/tags.js'

/** Longest answer scored, in UTF-16 units; a longer one is `too_large` (never a match, and bounded work). */
export const MAX_ANSWER_CHARS = 10_000

/** The params shape, with defaults that differ per reward (Visual-RFT and CLS-RL: whole-output fallback, no DOTALL). */
export function answerSourceParams(defaults: { answerFrom?: AnswerSource['answerFrom']; multiline?: boolean } = {}) {
  return {
    answerFrom: z
      .enum(['answer-tag', 'answer-tag-or-whole', 'whole', 'boxed'])
      .default(defaults.answerFrom ?? 'answer-tag')
      .describe(
        'where the answer is read: "answer-tag" (the <answer> block; none → no_answer), "answer-tag-or-whole" (else the whole output, as Visual-RFT and CLS-RL), "whole", or "boxed" (the last \\boxed{})',
      ),
    which: z
      .enum(['first', 'last'])
      .default('first')
      .describe('which <answer> block: "first" as re.search (Visual-RFT, SATORI) or "last" (VLM-R1, Time-R1)'),
    multiline: z
      .boolean()
      .default(defaults.multiline ?? true)
      .describe('DOTALL: whether the <answer> block may span lines (false as Visual-RFT and CLS-RL)'),
  }
}

export interface AnswerSource {
  answerFrom: 'answer-tag' | 'answer-tag-or-whole' | 'whole' | 'boxed'
  which: 'first' | 'last'
  multiline: boolean
}

export { isOutput } from '../text/shared.js'

const EXPECTED = { boxed: '\\boxed{…}', tag: '<answer>…</answer>' }

/**
 * The answer text, untrimmed, or the invalid output saying why there is none (missing, or too large).
 * `lenientTags` (default true) accepts `< answer >`; faithful modes whose reference uses the strict
 * `<answer>(.*?)</answer>` turn it off.
 */
export function readAnswerRaw(
  response: string,
  source: AnswerSource,
  { lenientTags = true } = {},
): string | RewardOutput {
  let raw: string | undefined
  if (source.answerFrom === 'whole') raw = response
  else if (source.answerFrom === 'boxed') {
    raw = extractBoxed(response)
    if (raw === undefined) return invalid({ code: 'no_answer', expected: EXPECTED.boxed })
  } else {
    raw = extractTag(response, 'answer', { which: source.which, multiline: source.multiline, lenient: lenientTags })
    if (raw === undefined) {
      if (source.answerFrom === 'answer-tag') return invalid({ code: 'no_answer', expected: EXPECTED.tag })
      raw = response
    }
  }
  if (raw.length > MAX_ANSWER_CHARS)
    return invalid({ code: 'too_large', limit: 'answer length (chars)', size: raw.length, max: MAX_ANSWER_CHARS })
  return raw
}

/** The trimmed answer; an empty one is `empty_answer` (never rewarded). */
export function readAnswer(response: string, source: AnswerSource): string | RewardOutput {
  const raw = readAnswerRaw(response, source)
  if (typeof raw !== 'string') return raw
  const text = raw.trim()
  return text === '' ? invalid({ code: 'empty_answer' }) : text
}
