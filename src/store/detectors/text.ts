/**
 * Text signals the detectors read: the answer block, the reasoning's last conclusion, option-list answers and
 * repetition. All linear scans over a bounded prefix, with no backtracking regexes: they run on every ingested
 * rollout, and model output can be anything.
 */

/** Text beyond this is not read by the detectors. */
export const MAX_SCAN = 20_000

function between(text: string, open: string, close: string, last: boolean): string | undefined {
  const s = last ? text.lastIndexOf(open) : text.indexOf(open)
  if (s < 0) return undefined
  const e = text.indexOf(close, s + open.length)
  return e < 0 ? undefined : text.slice(s + open.length, e)
}

/** The content of the last `<answer>…</answer>` block, or undefined. */
export function answerBlock(response: string): string | undefined {
  return between(response.length > MAX_SCAN ? response.slice(-MAX_SCAN) : response, '<answer>', '</answer>', true)
}

/** The content of the `<think>…</think>` block, or undefined. */
export function thinkBlock(response: string): string | undefined {
  return between(response.length > MAX_SCAN ? response.slice(0, MAX_SCAN) : response, '<think>', '</think>', false)
}

/** characters of the reasoning's end searched for its conclusion */
const CONCLUSION_TAIL = 600

const MARKERS = ['the answer is', 'answer is', 'answer:', 'therefore', 'so it is', 'thus', 'hence', 'so the']

/**
 * The reasoning's last conclusion as a comparable token: an option letter (`B`) or a number (`12.5`), taken from
 * the text after the last conclusion marker ("the answer is", "therefore", ...). Undefined when there is none, so
 * free-form conclusions are never compared (no false alarms on paraphrase).
 * @example lastConclusion('Two plus two... so the answer is (B).') //= 'B'
 */
export function lastConclusion(think: string): string | undefined {
  // conclusions come last: only the tail is read (and lower-cased)
  const tail = think.length > CONCLUSION_TAIL ? think.slice(-CONCLUSION_TAIL) : think
  const lower = tail.toLowerCase()
  let at = -1
  let len = 0
  for (const m of MARKERS) {
    const i = lower.lastIndexOf(m)
    if (i > at) {
      at = i
      len = m.length
    }
  }
  if (at < 0) return undefined
  return comparable(tail.slice(at + len, at + len + 60))
}

/**
 * An answer reduced to an option letter or a number, else undefined. `strict`: the letter or number must be the
 * whole answer, up to brackets, punctuation and a short unit (`(B)`, `12.5 cm`), so a box `[1, 2, 3, 4]` is not 1.
 * @example comparable(' (c) ') //= 'C'
 */
export function comparable(text: string, strict = false): string | undefined {
  const t = text.trim()
  if (strict && t.length > 24) return undefined
  let i = 0
  while (i < t.length && ' :,*("\'[{'.includes(t[i] as string)) i++
  const c = t.charCodeAt(i)
  const isLetter = (c >= 65 && c <= 69) || (c >= 97 && c <= 101)
  const next = t.charCodeAt(i + 1)
  const ends = Number.isNaN(next) || !isWordChar(next)
  if (isLetter && ends) return strict && !onlyTrailer(t, i + 1) ? undefined : t[i]?.toUpperCase()
  let j = i
  if (t[j] === '-') j++
  const start = j
  while (j < t.length && ((t.charCodeAt(j) >= 48 && t.charCodeAt(j) <= 57) || t[j] === '.')) j++
  if (j > start) {
    if (strict && !onlyTrailer(t, j)) return undefined
    const n = Number(t.slice(i, j).replace(/\.$/, ''))
    if (Number.isFinite(n)) return String(n)
  }
  return undefined
}

/** Whether what follows `from` is only closing punctuation and at most a short unit word. */
function onlyTrailer(t: string, from: number): boolean {
  let letters = 0
  for (let k = from; k < t.length; k++) {
    const c = t.charCodeAt(k)
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      if (++letters > 4) return false
    } else if (!' .)]}*"\'%'.includes(t[k] as string)) return false
  }
  return true
}

const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

/**
 * Whether an answer lists several options instead of choosing one ("A, B, C, D", "A or B or C").
 * @example isOptionList('A, B, C and D') //= true
 */
export function isOptionList(answer: string): boolean {
  if (answer.length > 200) return false
  const seen = new Set<string>()
  let words = 0
  for (const w of answer.split(/[\s,;/|()]+/)) {
    if (!w) continue
    words++
    const u = w.replace(/[.:)]$/, '').toUpperCase()
    if (u.length === 1 && u >= 'A' && u <= 'H') seen.add(u)
    else if (u !== 'AND' && u !== 'OR' && u !== 'OPTION' && u !== 'OPTIONS') return false
  }
  return seen.size >= 3 && words <= 12
}

/** Characters of a response's end read for repetition: a loop runs to the generation limit, so the tail shows it. */
const REPEAT_TAIL = 6000
const TABLE_BITS = 12
const TABLE = new Int32Array(1 << TABLE_BITS)
const STAMP = new Int32Array(1 << TABLE_BITS)
let generation = 0

/**
 * The share of repeated word 6-grams in the last `REPEAT_TAIL` characters (0: none; near 1: a loop), over rolling
 * hashes of the words in a reused open-addressing table, so nothing is allocated per call. Short texts (under 24
 * words) give 0.
 * @example repetitionRatio('la '.repeat(100)) //= 0.9479…
 */
export function repetitionRatio(text: string): number {
  const from = Math.max(0, text.length - REPEAT_TAIL)
  const words = WORDS
  let count = 0
  let h = 2166136261
  let inWord = false
  for (let i = from; i <= text.length && count < words.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32
    const space = c === 32 || c === 10 || c === 9 || c === 13
    if (!space) {
      h = Math.imul(h ^ c, 16777619)
      inWord = true
    } else if (inWord) {
      words[count++] = h | 0
      h = 2166136261
      inWord = false
    }
  }
  const k = 6
  if (count < 24) return 0
  const total = count - k + 1
  if (++generation === 0x7fffffff) {
    generation = 1
    STAMP.fill(0)
  }
  const mask = TABLE.length - 1
  let distinct = 0
  for (let i = 0; i < total; i++) {
    let g = 0
    for (let j = 0; j < k; j++) g = (Math.imul(g, 31) + (words[i + j] as number)) | 0
    let slot = Math.imul(g, 0x9e3779b1) >>> (32 - TABLE_BITS)
    for (let probe = 0; probe <= mask; probe++) {
      if (STAMP[slot] !== generation) {
        STAMP[slot] = generation
        TABLE[slot] = g
        distinct++
        break
      }
      if (TABLE[slot] === g) break
      slot = (slot + 1) & mask
    }
  }
  return 1 - distinct / total
}

/** word hashes of the text being read (at most ~REPEAT_TAIL / 2 words fit in the table's load) */
const WORDS = new Int32Array(2048)
