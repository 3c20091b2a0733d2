import type { RewardReason } from '../../../core/reason.js'
import { type ChoiceMatch, extractChoice, listedChoices } from '../../parsing/choice.js'

export interface McqReference {
  /** the correct option letter, upper case */
  letter: string
  /** option texts in letter order, when the item gives them */
  options?: readonly string[]
}

export interface McqOptions {
  /** allowed letters, e.g. `ABCD`; default as many as the reference's options, else A–E (extended to the answer key) */
  letters?: string
  /** `ranked` (default) reads the letter by lmms-eval's ranking; `exact` compares the stripped answer to the key as VideoRFT */
  extract?: 'ranked' | 'exact'
}

export interface McqDetail {
  correct: boolean
  /** the letter read from the answer, if any */
  chosen?: string
  match?: ChoiceMatch
  /** set when the answer lists several options */
  listed?: string[]
  reason: RewardReason
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const KEY = /^\(?([A-Z])\)?(?:[.:)\s]|$)/

/** The answer key of a reference: `'B'`, `'(B)'`, `'B. a dog'`, or `{ answer: 'B', options: [...] }`; else undefined. */
export function mcqReference(reference: unknown): McqReference | undefined {
  if (typeof reference === 'string') {
    const m = KEY.exec(reference.trim())
    return m ? { letter: m[1] as string } : undefined
  }
  if (typeof reference !== 'object' || reference === null || Array.isArray(reference)) return undefined
  const r = reference as { answer?: unknown; options?: unknown }
  const key = typeof r.answer === 'string' ? mcqReference(r.answer) : undefined
  if (!key) return undefined
  const options = Array.isArray(r.options) && r.options.every((o) => typeof o === 'string') ? r.options : undefined
  return options ? { letter: key.letter, options } : key
}

/** The default letters: one per option when known, else A–E; always reaching the key's letter. */
export function defaultLetters(ref: McqReference): string {
  const n = ref.options?.length ?? 5
  return ALPHABET.slice(0, Math.max(n, ALPHABET.indexOf(ref.letter) + 1))
}

const normOption = (s: string) => s.trim().replace(/\.$/, '').toLowerCase()

/**
 * Scores a multiple-choice answer: the option letter is read with lmms-eval's ranked patterns (deterministic, never
 * MMMU's random fallback); when no letter is found and the item lists option texts, an answer equal to exactly
 * one option text (case-insensitive) picks it, as VLMEvalKit's `can_infer_text`. An answer that lists several
 * options ("A, B or C", "(A) and (B)") never matches: `suspected_hack`.
 * @see protocols.md §D; https://github.com/EvolvingLMMs-Lab/lmms-eval lmms_eval/tasks/_task_utils/mcq_extract.py;
 *   https://github.com/open-compass/VLMEvalKit vlmeval/utils/matching_util.py; rewards.md §6a (VideoRFT `exact`)
 * @example mcq('The answer is (B).', { letter: 'B' }).correct //= true
 * @example mcq('A, B or C', { letter: 'B' }).reason.code //= 'suspected_hack'
 */
export function mcq(answer: string, ref: McqReference, options: McqOptions = {}): McqDetail {
  const letters = options.letters ?? defaultLetters(ref)
  if (options.extract === 'exact') {
    const correct = answer.trim() === ref.letter
    return correct
      ? { correct, chosen: ref.letter, reason: { code: 'ok' } }
      : { correct, reason: { code: 'wrong_answer', expected: ref.letter, got: answer.trim() } }
  }
  const match = extractChoice(answer, letters)
  if (!match) {
    const byText = ref.options ? optionByText(answer, ref.options, letters) : undefined
    if (byText === undefined)
      return {
        correct: false,
        reason: {
          code: 'unparseable_answer',
          side: 'response',
          expected: `an option letter (${letters[0]}–${letters[letters.length - 1]})`,
          text: answer,
        },
      }
    return verdict(byText, ref)
  }
  const listed = listedChoices(answer, match.index, letters)
  if (listed.length > 1)
    return {
      correct: false,
      chosen: match.letter,
      match,
      listed,
      reason: { code: 'suspected_hack', pattern: `several options listed: ${listed.join(', ')}` },
    }
  return { ...verdict(match.letter, ref), match }
}

function verdict(chosen: string, ref: McqReference): McqDetail {
  return chosen === ref.letter
    ? { correct: true, chosen, reason: { code: 'ok' } }
    : { correct: false, chosen, reason: { code: 'wrong_answer', expected: ref.letter, got: chosen } }
}

function optionByText(answer: string, options: readonly string[], letters: string): string | undefined {
  const a = normOption(answer)
  if (a === '') return undefined
  let found: string | undefined
  for (let k = 0; k < options.length && k < letters.length; k++) {
    if (normOption(options[k] as string) !== a) continue
    if (found !== undefined) return undefined // two options with the same text: ambiguous
    found = letters[k]
  }
  return found
}
