/** Yes/no answers, as the POPE-style evaluations read them. Linear, no allocation per word. */
import { isAsciiLetter } from './chars.js'

export type YesNo = 'yes' | 'no'

const YES = ['yes', 'true', 'yeah', 'yep']
const NO = ['no', 'false', 'nope', 'not']
const LITERAL_YES = ['yes']

function wordIs(text: string, start: number, end: number, words: readonly string[]): boolean {
  outer: for (const w of words) {
    if (w.length !== end - start) continue
    for (let k = 0; k < w.length; k++) if ((text.charCodeAt(start + k) | 32) !== w.charCodeAt(k)) continue outer
    return true
  }
  return false
}

export interface YesNoParse {
  /** what the answer says, or undefined when it says neither */
  answer: YesNo | undefined
  /** both the words "yes" and "no" appear ("yes or no", "no… yes"): a hedge a reward must not pay */
  hedged: boolean
}

/**
 * Reads a yes/no answer: the first word decides when it is a yes or a no word (POPE); else the answer is yes or no
 * when it holds words of one kind only. `true`/`yeah`/`yep` count as yes; `false`/`nope`/`not` as no.
 * @see https://github.com/EvolvingLMMs-Lab/lmms-eval lmms_eval/tasks/pope/utils.py (first word, then `not`)
 * @example parseYesNo('Yes, there is a dog.') //= { answer: 'yes', hedged: false }
 * @example parseYesNo('There is not a dog') //= { answer: 'no', hedged: false }
 * @example parseYesNo('yes or no') //= { answer: 'yes', hedged: true }
 */
export function parseYesNo(text: string): YesNoParse {
  let yes = false
  let no = false
  let literalYes = false
  let literalNo = false
  let firstWord: YesNo | undefined
  let first = true
  for (let i = 0; i < text.length; ) {
    if (!isAsciiLetter(text.charCodeAt(i))) {
      i++
      continue
    }
    let j = i + 1
    while (j < text.length && isAsciiLetter(text.charCodeAt(j))) j++
    const isYes = j - i <= 5 && wordIs(text, i, j, YES)
    const isNo = !isYes && j - i <= 5 && wordIs(text, i, j, NO)
    if (first && (isYes || isNo)) firstWord = isYes ? 'yes' : 'no'
    first = false
    yes ||= isYes
    no ||= isNo
    literalYes ||= isYes && wordIs(text, i, j, LITERAL_YES)
    literalNo ||= isNo && j - i === 2
    i = j
  }
  const answer = firstWord ?? (yes && !no ? 'yes' : no && !yes ? 'no' : undefined)
  return { answer, hedged: literalYes && literalNo }
}

/** A reference as yes/no: a boolean, or a string `parseYesNo` reads unambiguously; else undefined. */
export function yesNoOf(reference: unknown): YesNo | undefined {
  if (typeof reference === 'boolean') return reference ? 'yes' : 'no'
  if (typeof reference !== 'string') return undefined
  const r = parseYesNo(reference)
  return r.hedged ? undefined : r.answer
}
