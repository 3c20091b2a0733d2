import { distanceTrimmed, isSpace, splitWhitespace } from '../metrics/sequence.js'
import { StringIds } from '../metrics/string-ids.js'

/**
 * Word-level Levenshtein for WER with the references' coding cached. `levenshteinTokens` codes both sides through
 * a fresh Map and builds each coded string by `+=` per word (two thirds of WER's time). Here every reference word
 * gets a code (one UTF-16 unit) from one table shared across calls, kept with the cached reference, and the
 * prediction's words are looked up by span without being sliced: a word no reference has gets `ABSENT`, since the
 * distance compares prediction words only with reference words, never with each other. Checked against
 * `levenshteinTokens` in word-codes.test.ts.
 */

/** The prediction words no coded reference has; never a word's code. */
const ABSENT = 0xffff
const WORDS = new StringIds()
let generation = 0

/** A reference's words and their codes, valid while `generation` is the table's. */
export interface CodedWords {
  readonly words: readonly string[]
  codes: string
  generation: number
}

export function codedWords(text: string): CodedWords {
  return { words: splitWhitespace(text), codes: '', generation: -1 }
}

/**
 * Codes `refs` in the current table (starting it afresh when it would fill); false when they hold more words than
 * there are codes (enormous inputs only), then the caller measures without it.
 */
export function codeReferences(refs: readonly CodedWords[]): boolean {
  let all = 0
  let fresh = 0
  for (const r of refs) {
    all += r.words.length
    if (r.generation !== generation) fresh += r.words.length
  }
  if (all >= ABSENT) return false
  if (WORDS.size + fresh >= ABSENT) {
    WORDS.clear()
    generation++
  }
  for (const r of refs) {
    if (r.generation === generation) continue
    const codes: number[] = []
    for (const w of r.words) codes.push(WORDS.add(w))
    r.codes = fromCodes(codes)
    r.generation = generation
  }
  return true
}

const CODES: number[] = []

/** The prediction's whitespace words (as `splitWhitespace`), coded; call after `codeReferences`. */
export function predictionCodes(text: string): { codes: string; count: number } {
  const codes = CODES
  codes.length = 0
  let start = -1
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || isSpace(text.charCodeAt(i))) {
      if (start >= 0) {
        const id = WORDS.find(text, start, i)
        codes.push(id < 0 ? ABSENT : id)
        start = -1
      }
    } else if (start < 0) start = i
  }
  return { codes: fromCodes(codes), count: codes.length }
}

/** Word-level Levenshtein distance between a coded reference and coded prediction. */
export function codedDistance(ref: CodedWords, prediction: string): number {
  return distanceTrimmed(ref.codes, prediction)
}

/** One string from UTF-16 codes, built in chunks (an argument list has a length limit). */
function fromCodes(codes: readonly number[]): string {
  if (codes.length <= 4096) return String.fromCharCode(...codes)
  let out = ''
  for (let i = 0; i < codes.length; i += 4096) out += String.fromCharCode(...codes.slice(i, i + 4096))
  return out
}
