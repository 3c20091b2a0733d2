/** ASCII punctuation, Python's `string.punctuation`. */
function isPunct(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)
}

const isArticle = (w: string) => w === 'a' || w === 'an' || w === 'the'

/**
 * Tokens of a SQuAD-normalised answer, in one pass: lower-case, drop ASCII punctuation (`string.punctuation`),
 * split on whitespace, drop the articles a/an/the.
 * @see https://github.com/allenai/bi-att-flow/blob/master/squad/evaluate-v1.1.py (`normalize_answer`)
 * @example squadTokens('The  Eiffel-Tower!') //= ['eiffeltower']
 */
export function squadTokens(s: string): string[] {
  const lower = s.toLowerCase()
  const out: string[] = []
  let word = ''
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32
    if (isPunct(c)) continue
    if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || (c > 0x1000 && /\s/.test(lower[i] as string))) {
      if (word !== '' && !isArticle(word)) out.push(word)
      word = ''
    } else word += lower[i]
  }
  return out
}

/**
 * SQuAD answer normalisation as a string.
 * @example normalizeSquad('The  Eiffel-Tower!') //= 'eiffeltower'
 */
export function normalizeSquad(s: string): string {
  return squadTokens(s).join(' ')
}

export interface TokenF1Detail {
  f1: number
  precision: number
  recall: number
}

const ZERO: TokenF1Detail = Object.freeze({ f1: 0, precision: 0, recall: 0 })
/** scratch flags for the short-answer path (|pred|·|ref| ≤ 256 ⇒ |ref| ≤ 256) */
const USED = new Uint8Array(256)

/** Token F1 of already-normalised token lists (bag-of-words overlap with clipped counts). */
export function tokenF1Tokens(pred: readonly string[], ref: readonly string[]): TokenF1Detail {
  if (pred.length === 0 || ref.length === 0) return ZERO
  let same = 0
  if (pred.length * ref.length <= 256) {
    // short answers: a used-flag scan beats building a Counter
    USED.fill(0, 0, ref.length)
    for (const t of pred) {
      for (let j = 0; j < ref.length; j++) {
        if (USED[j] === 0 && ref[j] === t) {
          USED[j] = 1
          same++
          break
        }
      }
    }
  } else {
    const counts = new Map<string, number>()
    for (const t of ref) counts.set(t, (counts.get(t) ?? 0) + 1)
    for (const t of pred) {
      const c = counts.get(t)
      if (c) {
        same++
        counts.set(t, c - 1)
      }
    }
  }
  if (same === 0) return ZERO
  const precision = same / pred.length
  const recall = same / ref.length
  return { f1: (2 * precision * recall) / (precision + recall), precision, recall }
}

/**
 * SQuAD token F1 of normalised answers. A prediction with no tokens left after normalisation scores 0 (SQuAD v2
 * would give 1 against an empty reference; an empty answer never matches here).
 * @see https://github.com/allenai/bi-att-flow/blob/master/squad/evaluate-v1.1.py (`f1_score`)
 * @example tokenF1('the big red car', 'a red car').f1 //= 0.8
 */
export function tokenF1(prediction: string, reference: string): TokenF1Detail {
  return tokenF1Tokens(squadTokens(prediction), squadTokens(reference))
}
