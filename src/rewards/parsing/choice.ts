/**
 * Multiple-choice letters in free text, ranked as lmms-eval's `extract_mcq_answer` ranks its patterns (protocols.md
 * §D): start 10 > end 9 > phrase 7 > `(A)` 6 > `A.` 5 > `A:` 4 > `A)` 3 > `A␠` 2 > a lone letter 0, the last
 * occurrence of the best rank winning. Deterministic: never MMMU's `random.choice` fallback. One linear scan.
 */
import { isAsciiLetter, isAsciiWord, isPyWhitespace } from './chars.js'

export type ChoicePattern = 'start' | 'end' | 'phrase' | 'paren' | 'dot' | 'colon' | 'rparen' | 'space' | 'lone'

const RANK: Record<ChoicePattern, number> = {
  start: 10,
  end: 9,
  phrase: 7,
  paren: 6,
  dot: 5,
  colon: 4,
  rparen: 3,
  space: 2,
  lone: 0,
}

export interface ChoiceMatch {
  /** the option letter, upper case */
  letter: string
  pattern: ChoicePattern
  rank: number
  /** index of the letter in the text */
  index: number
}

/** Uppercase letters allowed as options, e.g. `ABCDE`. */
export type ChoiceLetters = string

const isAlnum = isAsciiWord
const isMarkup = (c: number) => c === 42 || c === 95 || c === 96 // * _ ` (markdown emphasis around the letter)
/** What may precede a letter at the start: whitespace, `(`, `[`, emphasis. */
const isBlankLead = (c: number) => isPyWhitespace(c) || c === 40 || c === 91 || isMarkup(c)
/** What makes a letter not the end: letters, digits, any non-ASCII non-space char. */
const isContent = (c: number) => isAlnum(c) || (c > 127 && !isPyWhitespace(c))

/** The char before `i`, skipping markdown emphasis; -1 at the start. */
function prevSig(text: string, i: number): number {
  let k = i - 1
  while (k >= 0 && isMarkup(text.charCodeAt(k))) k--
  return k
}

/** The index of the char after `i`, skipping markdown emphasis. */
function nextSig(text: string, i: number): number {
  let k = i + 1
  while (k < text.length && isMarkup(text.charCodeAt(k))) k++
  return k
}

const PHRASE_HEADS = ['answer', 'option', 'choice', 'choose', 'select']
const FILLERS = ['is', 'be', 'would', 'should', 'will', 'must', 'correct', 'final', 'the', 'my']

/** Whether `text[start, end)` equals `word`, ignoring ASCII case. */
function wordAt(text: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false
  for (let k = 0; k < word.length; k++) if ((text.charCodeAt(start + k) | 32) !== word.charCodeAt(k)) return false
  return true
}

/** Whether the letter at `i` follows "answer is", "answer:", "option", "the correct choice would be (", ... */
function afterPhrase(text: string, i: number): boolean {
  let k = i - 1
  const floor = Math.max(0, i - 48)
  for (let fillers = 0; fillers <= 3; fillers++) {
    while (k >= floor && !isAsciiLetter(text.charCodeAt(k))) {
      const c = text.charCodeAt(k)
      if (!(isPyWhitespace(c) || c === 58 || c === 40 || c === 91 || isMarkup(c))) return false
      k--
    }
    const end = k + 1
    while (k >= floor && isAsciiLetter(text.charCodeAt(k))) k--
    const start = k + 1
    if (start === end) return false
    if (PHRASE_HEADS.some((w) => wordAt(text, start, end, w))) return true
    if (!FILLERS.some((w) => wordAt(text, start, end, w))) return false
  }
  return false
}

function patternAt(text: string, p: number, n: number, firstSig: number, lastSig: number): ChoicePattern {
  const before = p >= 0 ? text.charCodeAt(p) : -1
  const after = n < text.length ? text.charCodeAt(n) : -1
  // start: only whitespace, "(" or "[" before, and the letter closed by ". : )" or a line end
  if (p < firstSig && (after === -1 || after === 46 || after === 58 || after === 41 || after === 93 || after === 10))
    return 'start'
  // end: nothing but punctuation and whitespace after
  if (lastSig < n) return 'end'
  if (afterPhrase(text, p + 1)) return 'phrase'
  if ((before === 40 && after === 41) || (before === 91 && after === 93)) return 'paren'
  if (after === 46) return 'dot'
  if (after === 58) return 'colon'
  if (after === 41) return 'rparen'
  if (after !== -1 && isPyWhitespace(after)) return 'space'
  return 'lone'
}

/**
 * The best-ranked option letter in the text (last occurrence among the best), or undefined. Only upper-case
 * letters from `letters` standing alone (no letter or digit glued to them) count.
 * @see https://github.com/EvolvingLMMs-Lab/lmms-eval lmms_eval/tasks/_task_utils/mcq_extract.py
 * @example extractChoice('Looking at A and B, the answer is (C).')?.letter //= 'C'
 * @example extractChoice('B. Because the dog is brown')?.pattern //= 'start'
 */
export function extractChoice(text: string, letters: ChoiceLetters = 'ABCDE'): ChoiceMatch | undefined {
  let best: ChoiceMatch | undefined
  let firstSig = 0
  while (firstSig < text.length && isBlankLead(text.charCodeAt(firstSig))) firstSig++
  let lastSig = text.length - 1
  while (lastSig >= 0 && !isContent(text.charCodeAt(lastSig))) lastSig--
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 65 || c > 90 || letters.indexOf(text[i] as string) === -1) continue
    const p = prevSig(text, i)
    const n = nextSig(text, i)
    if ((p >= 0 && isAlnum(text.charCodeAt(p))) || (n < text.length && isAlnum(text.charCodeAt(n)))) continue
    const pattern = patternAt(text, p, n, firstSig, lastSig)
    const rank = RANK[pattern]
    if (!best || rank >= best.rank) best = { letter: text[i] as string, pattern, rank, index: i }
  }
  return best
}

const CONNECTORS = ['or', 'and']
const isLinkChar = (c: number) => c === 44 || c === 59 || c === 47 || c === 38 || c === 124 // , ; / & |

/**
 * The distinct option letters listed together with the one at `index` ("A, B or C", "(A) and (B)", "A/B").
 * More than one means the answer hedges across options. Letters only separated by spaces do not link ("B A cat").
 * @example listedChoices('The answer is A, B or C', 14) //= ['A', 'B', 'C']
 */
export function listedChoices(text: string, index: number, letters: ChoiceLetters = 'ABCDE'): string[] {
  const found = [text[index] as string]
  for (const dir of [1, -1] as const) {
    let i = index
    for (let hops = 0; hops < 26; hops++) {
      let k = i + dir
      let linked = false
      while (k >= 0 && k < text.length) {
        const c = text.charCodeAt(k)
        if (isLinkChar(c)) linked = true
        else if (isAsciiLetter(c)) {
          let e = k
          while (e >= 0 && e < text.length && isAsciiLetter(text.charCodeAt(e))) e += dir
          const [ws, we] = dir === 1 ? [k, e] : [e + 1, k + 1]
          if (!CONNECTORS.some((w) => wordAt(text, ws, we, w))) break
          linked = true
          k = e
          continue
        } else if (!(isPyWhitespace(c) || c === 40 || c === 41 || c === 91 || c === 93 || isMarkup(c))) break
        k += dir
      }
      if (!linked || k < 0 || k >= text.length) break
      const c = text.charCodeAt(k)
      const beyond = text.charCodeAt(k + dir)
      if (c < 65 || c > 90 || letters.indexOf(text[k] as string) === -1 || isAlnum(beyond)) break
      // "A cat": a capital followed by a space and a lower-case word is an article, not an option
      if (dir === 1 && isPyWhitespace(beyond) && /[a-z]/.test(text[k + 2] ?? '')) break
      if (!found.includes(text[k] as string)) found.push(text[k] as string)
      i = k
    }
  }
  return found
}
