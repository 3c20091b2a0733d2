/**
 * `nltk.word_tokenize` (NLTKWordTokenizer, nltk 3.8): the Treebank rules with nltk's quote and punctuation fixes.
 * The substitutions are ported rule for rule; Python's Unicode `\w`/`\b` become explicit `\p{L}\p{N}_` classes.
 *
 * Gap: nltk first splits sentences with the pretrained Punkt model (a data file we do not ship), which matters only
 * for a period that ends a sentence mid-text (`a cat. a dog` → `cat` `.`). We approximate Punkt by treating a
 * period followed by whitespace as a sentence end unless the word before it is a known abbreviation or a single
 * letter; Punkt's learnt rules differ on rarer abbreviations.
 * @see https://github.com/nltk/nltk/blob/develop/nltk/tokenize/destructive.py
 */

const W = '[\\p{L}\\p{N}_]'
type Sub = readonly [RegExp, string]

const STARTING_QUOTES: readonly Sub[] = [
  [/([«“‘„]|[`]+)/gu, ' $1 '],
  [/^"/u, '``'],
  [/(``)/gu, ' $1 '],
  [/([ ([{<])("|'{2})/gu, '$1 `` '],
  [new RegExp(`(')(?!re|ve|ll|m|t|s|d|n)(${W})(?!${W})`, 'giu'), '$1 $2'],
]

const PUNCTUATION: readonly Sub[] = [
  [/([^.])(\.)([\])}>"'»”’ ]*)\s*$/u, '$1 $2 $3 '],
  [/([:,])([^\d])/gu, ' $1 $2'],
  [/([:,])$/u, ' $1 '],
  [/\.{2,}/gu, ' $& '],
  [/[;@#$%&]/gu, ' $& '],
  [/([^.])(\.)([\])}>"']*)\s*$/u, '$1 $2$3 '],
  [/[?!]/gu, ' $& '],
  [/([^'])' /gu, "$1 ' "],
  [/[*]/gu, ' $& '],
]

const PARENS: Sub = [/[\][(){}<>]/gu, ' $& ']
const DOUBLE_DASHES: Sub = [/--/gu, ' -- ']

const ENDING_QUOTES: readonly Sub[] = [
  [/([»”’])/gu, ' $1 '],
  [/''/gu, " '' "],
  [/"/gu, " '' "],
  [/([^' ])('[sS]|'[mM]|'[dD]|') /gu, '$1 $2 '],
  [/([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) /gu, '$1 $2 '],
]

const CONTRACTIONS: readonly RegExp[] = [
  ...[
    ['can', 'not'],
    ['d', "'ye"],
    ['gim', 'me'],
    ['gon', 'na'],
    ['got', 'ta'],
    ['lem', 'me'],
    ['more', "'n"],
  ].map(([a, b]) => new RegExp(`(?<!${W})(${a})(${b})(?!${W})`, 'giu')),
  new RegExp(`(?<!${W})(wan)(na)(?=\\s)`, 'giu'),
  new RegExp(` ('t)(is)(?!${W})`, 'giu'),
  new RegExp(` ('t)(was)(?!${W})`, 'giu'),
]

/** Tokenizes one sentence as `NLTKWordTokenizer().tokenize`. */
export function treebankTokenize(sentence: string): string[] {
  let text = sentence
  for (const [re, sub] of STARTING_QUOTES) text = text.replace(re, sub)
  for (const [re, sub] of PUNCTUATION) text = text.replace(re, sub)
  text = text.replace(PARENS[0], PARENS[1])
  text = text.replace(DOUBLE_DASHES[0], DOUBLE_DASHES[1])
  text = ` ${text} `
  for (const [re, sub] of ENDING_QUOTES) text = text.replace(re, sub)
  for (const re of CONTRACTIONS) text = text.replace(re, ' $1 $2 ')
  return splitWhitespace(text)
}

function splitWhitespace(text: string): string[] {
  const out: string[] = []
  for (const t of text.split(/\s+/u)) if (t) out.push(t)
  return out
}

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'inc',
  'ltd',
  'co',
  'corp',
  'no',
  'fig',
  'approx',
  'dept',
  'est',
  'u.s',
  'u.k',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mt',
  'ft',
  'vol',
  'gen',
  'gov',
  'sen',
  'rep',
  'lt',
  'col',
  'capt',
  'sgt',
])

/** Sentence ends as Punkt finds them for ordinary prose: after `.`, `?` or `!` (and closing quotes) plus whitespace. */
export function splitSentences(text: string): string[] {
  const out: string[] = []
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c !== '.' && c !== '?' && c !== '!') continue
    let j = i + 1
    while (j < text.length && /[.?!"')\]’”]/u.test(text[j] as string)) j++
    if (j >= text.length || !/\s/u.test(text[j] as string)) continue
    if (c === '.' && j === i + 1 && isAbbreviation(text, start, i)) continue
    out.push(text.slice(start, j))
    start = j
    i = j
  }
  if (start < text.length) out.push(text.slice(start))
  return out
}

function isAbbreviation(text: string, from: number, dot: number): boolean {
  let k = dot
  while (k > from && !/\s/u.test(text[k - 1] as string)) k--
  const word = text.slice(k, dot).toLowerCase()
  return word.length === 1 || ABBREVIATIONS.has(word)
}

/**
 * Word tokens as `nltk.word_tokenize(text)` gives them (sentence split approximated, see the module note).
 * @example wordTokenize("The cat's toy isn't here. It's gone!") //= ['The', 'cat', "'s", 'toy', 'is', "n't", 'here', '.', 'It', "'s", 'gone', '!']
 */
export function wordTokenize(text: string): string[] {
  const simple = simpleWords(text)
  if (simple) return simple
  const out: string[] = []
  for (const s of splitSentences(text)) for (const t of treebankTokenize(s)) out.push(t)
  return out
}

const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95
/** the contractions the rules split with no apostrophe in them */
const SPLIT_WORDS = new Set(['cannot', 'gimme', 'gonna', 'gotta', 'lemme', 'wanna'])

/**
 * The tokens of text made of ASCII `[A-Za-z0-9_]` words and spaces, with `,` only between a word and a space and
 * `.` only as the last character after a word (most captions): of all the rules only the comma's and the final
 * period's fire there, so splitting on spaces and setting those marks apart gives the same tokens. Undefined for
 * any other text, or when a word is one the contraction rules split ("gonna").
 */
function simpleWords(text: string): string[] | undefined {
  const out: string[] = []
  let start = -1
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32
    if (isWordChar(c)) {
      if (start < 0) start = i
      continue
    }
    const mark = c === 44 || c === 46
    if (mark && (start < 0 || (c === 44 ? text.charCodeAt(i + 1) !== 32 : i !== text.length - 1))) return undefined
    if (!mark && c !== 32) return undefined
    if (start >= 0) {
      const word = text.slice(start, i)
      if (i - start >= 5 && i - start <= 6 && SPLIT_WORDS.has(word.toLowerCase())) return undefined
      out.push(word)
      start = -1
    }
    if (mark) out.push(c === 44 ? ',' : '.')
  }
  return out
}
