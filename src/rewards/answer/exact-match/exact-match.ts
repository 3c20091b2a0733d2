export interface NormalizeOptions {
  /** compare case-sensitively. Default false. */
  caseSensitive?: boolean
  /** drop ASCII punctuation (Python's `string.punctuation`). Default true. */
  punctuation?: boolean
  /** drop the articles a/an/the as words. Default true. */
  articles?: boolean
  /** collapse whitespace runs to one space and trim. Default true. */
  whitespace?: boolean
}

/** ASCII punctuation, Python's `string.punctuation`. */
function isPunct(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)
}

const WS = /\s+/

/**
 * SQuAD's `normalize_answer` with each step optional, in its order: lower-case, drop punctuation, drop the articles,
 * fix whitespace. With the defaults it equals SQuAD's.
 * @see https://github.com/allenai/bi-att-flow/blob/master/squad/evaluate-v1.1.py (`normalize_answer`)
 * @example normalizeAnswer('The  Eiffel-Tower!') //= 'eiffeltower'
 */
export function normalizeAnswer(s: string, options: NormalizeOptions = {}): string {
  const { caseSensitive = false, punctuation = true, articles = true, whitespace = true } = options
  let t = caseSensitive ? s : s.toLowerCase()
  if (punctuation) {
    let out = ''
    let from = 0
    for (let i = 0; i < t.length; i++) {
      if (!isPunct(t.charCodeAt(i))) continue
      out += t.slice(from, i)
      from = i + 1
    }
    t = from === 0 ? t : out + t.slice(from)
  }
  if (articles) t = t.replace(ARTICLES, ' ')
  return whitespace
    ? t
        .split(WS)
        .filter((w) => w !== '')
        .join(' ')
    : t
}

/**
 * SQuAD's `re.sub(r'\b(a|an|the)\b', ' ', text)`, in any case, with Python's Unicode word boundary (JavaScript's
 * `\b` is ASCII-only: it would split "éa").
 */
const ARTICLES = /(?<![\p{L}\p{N}\p{M}_])(?:a|an|the)(?![\p{L}\p{N}\p{M}_])/giu

/**
 * Whether the answer equals any reference after normalisation; an answer that normalises to nothing never matches.
 * @example exactMatch('The cat.', ['cat']) //= true
 */
export function exactMatch(answer: string, references: readonly string[], options: NormalizeOptions = {}): boolean {
  const a = normalizeAnswer(answer, options)
  if (a.trim() === '') return false
  return references.some((r) => normalizeAnswer(r, options) === a)
}
