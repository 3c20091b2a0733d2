/**
 * JSON in model output: inside ``` fences or bare in prose, in the Python-literal dialect VLMs often write
 * (`'single quotes'`, `True/False/None`, unquoted keys, trailing commas), and truncated by the token limit
 * (`[{"bbox_2d": [1, 2, 3, 4]}, {"bbox_2d": [5,` keeps the complete elements, as Visual-RFT's repair does).
 * Never throws; work is linear in the input and capped by `maxChars`.
 *
 * Hand-written because the npm repairers (`jsonrepair`, `json5`) either guess on every malformed input (we must
 * fail rather than invent a box) or do not repair truncation at the element level that detection rewards need.
 */
import { isAsciiLetter, isAsciiWord, isDigit } from './chars.js'

export interface LooseJson {
  value: unknown
  /** the text was not valid JSON as written (quotes, literals, trailing commas or truncation were fixed) */
  repaired: boolean
  /** the text ended inside the value; incomplete trailing elements were dropped */
  truncated: boolean
  /** it came from a ``` fenced block */
  fenced: boolean
}

export interface LooseJsonOptions {
  /** Read at most this many chars (a longer output is treated as truncated there). Default 1,000,000. */
  maxChars?: number
  /** Deeper nesting fails. Default 64. */
  maxDepth?: number
}

const FENCE = '```'
const MAX_FENCES = 4
const MAX_STARTS = 8

/**
 * The contents of the ``` fenced blocks, in order (the language tag line dropped; an unclosed last fence runs to the
 * end, as a truncated output does). At most `max`.
 * @example fencedBlocks('see:\n```json\n[1]\n```') //= ['[1]\n']
 */
export function fencedBlocks(text: string, max = MAX_FENCES): string[] {
  const out: string[] = []
  let i = text.indexOf(FENCE)
  while (i !== -1 && out.length < max) {
    let start = i + FENCE.length
    const nl = text.indexOf('\n', start)
    // a language tag ("json", "python") runs to the end of the fence line
    let k = start
    while (k < text.length && (isAsciiWord(text.charCodeAt(k)) || text[k] === '-' || text[k] === '+')) k++
    if (nl !== -1 && k === nl) start = nl + 1
    else if (nl !== -1 && text.slice(k, nl).trim() === '') start = nl + 1
    const close = text.indexOf(FENCE, start)
    out.push(text.slice(start, close === -1 ? text.length : close))
    if (close === -1) break
    i = text.indexOf(FENCE, close + FENCE.length)
  }
  return out
}

/**
 * The first JSON value in the text: from a fenced block when there is one, else from the first `[` or `{` that
 * reads as JSON. Undefined when nothing does.
 * @example parseLooseJson("```json\n[{'label': 'cat', 'ok': True},]\n```")?.value //= [{ label: 'cat', ok: true }]
 * @example parseLooseJson('[{"b": [1, 2]}, {"b": [3,')?.value //= [{ b: [1, 2] }]
 */
export function parseLooseJson(text: string, options: LooseJsonOptions = {}): LooseJson | undefined {
  const maxChars = options.maxChars ?? 1_000_000
  const maxDepth = options.maxDepth ?? 64
  const input = text.length > maxChars ? text.slice(0, maxChars) : text
  if (input.includes(FENCE)) {
    for (const block of fencedBlocks(input)) {
      const found = fromText(block, maxDepth, true)
      if (found) return found
    }
  }
  return fromText(input, maxDepth, false)
}

function fromText(text: string, maxDepth: number, fenced: boolean): LooseJson | undefined {
  const trimmed = text.trim()
  const c0 = trimmed.charCodeAt(0)
  if (c0 === 91 || c0 === 123) {
    try {
      return { value: JSON.parse(trimmed), repaired: false, truncated: false, fenced }
    } catch {
      // fall through to the repairing reader
    }
  }
  let at = nextOpen(text, 0)
  for (let attempt = 0; at !== -1 && attempt < MAX_STARTS; attempt++) {
    const r = repair(text, at, maxDepth)
    if (r) {
      try {
        return { value: JSON.parse(r.json), repaired: true, truncated: r.truncated, fenced }
      } catch {
        // not JSON from this bracket; try the next one
      }
    }
    at = nextOpen(text, at + 1)
  }
  return undefined
}

function nextOpen(text: string, from: number): number {
  const a = text.indexOf('[', from)
  const b = text.indexOf('{', from)
  return a === -1 ? b : b === -1 ? a : Math.min(a, b)
}

const KEY = 0
const COLON = 1
const VALUE = 2
const COMMA = 3

/**
 * Rewrites the value starting at `start` (an `[` or `{`) as strict JSON: single-quoted strings, Python literals,
 * bare keys and trailing commas fixed; on truncation, cut back to the last complete element of the outermost list
 * (or root object) and closed. Undefined on anything it cannot read.
 */
function repair(text: string, start: number, maxDepth: number): { json: string; truncated: boolean } | undefined {
  const stack: number[] = [] // 91 `[` or 123 `{`
  const expect: number[] = []
  let out = ''
  let safeLen = 0
  let safeDepth = 0
  let listDepth = -1
  let i = start
  const completeValue = () => {
    const d = stack.length
    if (d === 0) return
    expect[d - 1] = COMMA
    if (d <= Math.max(listDepth, 1)) {
      safeLen = out.length
      safeDepth = d
    }
  }
  while (i < text.length) {
    const c = text.charCodeAt(i)
    const d = stack.length
    const want = d > 0 ? (expect[d - 1] as number) : VALUE
    if (c === 32 || c === 10 || c === 13 || c === 9) {
      i++
      continue
    }
    if (c === 91 || c === 123) {
      if (want !== VALUE || d >= maxDepth) return undefined
      stack.push(c)
      expect.push(c === 91 ? VALUE : KEY)
      if (c === 91 && listDepth === -1) listDepth = d + 1
      out += text[i]
      if (d === 0) {
        safeLen = out.length
        safeDepth = 1
      }
      i++
      continue
    }
    if (c === 93 || c === 125) {
      if (d === 0 || stack[d - 1] !== c - 2 || want === COLON) return undefined
      if (out.endsWith(',')) out = out.slice(0, -1)
      else if (want === VALUE && stack[d - 1] === 123) return undefined // `{"a": }`
      stack.pop()
      expect.pop()
      out += text[i]
      i++
      if (stack.length === 0) return { json: out, truncated: false }
      completeValue()
      continue
    }
    if (c === 44) {
      if (want !== COMMA) return undefined
      expect[d - 1] = stack[d - 1] === 91 ? VALUE : KEY
      out += ','
      i++
      continue
    }
    if (c === 58) {
      if (want !== COLON) return undefined
      expect[d - 1] = VALUE
      out += ':'
      i++
      continue
    }
    if (want !== VALUE && want !== KEY) return undefined
    if (c === 34 || c === 39) {
      const end = readString(text, i, c)
      if (end === -1) break // truncated inside a string
      out += c === 34 ? escapeControls(text.slice(i, end)) : requote(text, i + 1, end - 1)
      i = end
    } else if (isDigit(c) || c === 45 || c === 43 || c === 46) {
      if (want === KEY) return undefined
      let j = i + 1
      while (j < text.length && isNumberChar(text.charCodeAt(j))) j++
      if (j === text.length) break // a number cut by truncation may be incomplete
      out += c === 43 ? text.slice(i + 1, j) : text.slice(i, j)
      i = j
    } else if (isAsciiLetter(c) || c === 95) {
      let j = i + 1
      while (j < text.length && isAsciiWord(text.charCodeAt(j))) j++
      if (j === text.length) break
      const word = text.slice(i, j)
      if (want === KEY) out += `"${word}"`
      else {
        const lit = LITERALS[word]
        if (lit === undefined) return undefined
        out += lit
      }
      i = j
    } else return undefined
    if (want === KEY) expect[d - 1] = COLON
    else completeValue()
  }
  if (stack.length === 0) return undefined
  // truncated: keep what was complete, close the containers open at that point
  out = out.slice(0, safeLen)
  if (out.endsWith(',')) out = out.slice(0, -1)
  for (let k = safeDepth - 1; k >= 0; k--) out += stack[k] === 91 ? ']' : '}'
  return { json: out, truncated: true }
}

const LITERALS: Record<string, string> = {
  true: 'true',
  false: 'false',
  null: 'null',
  True: 'true',
  False: 'false',
  None: 'null',
}

function isNumberChar(c: number): boolean {
  return isDigit(c) || c === 46 || c === 101 || c === 69 || c === 45 || c === 43
}

/** Index just after the closing quote of the string opening at `i`, or -1 if it never closes. */
function readString(text: string, i: number, quote: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j)
    if (c === 92) j++
    else if (c === quote) return j + 1
  }
  return -1
}

const controlEscape = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`

/** A double-quoted string with raw newlines or tabs (which models emit) escaped. */
function escapeControls(s: string): string {
  let k = 0
  while (k < s.length && s.charCodeAt(k) >= 32) k++
  if (k === s.length) return s
  let out = s.slice(0, k)
  for (; k < s.length; k++) out += s.charCodeAt(k) < 32 ? controlEscape(s[k] as string) : s[k]
  return out
}

/** `'it\'s "x"'` (content between `from` and `to`) as the JSON string `"it's \"x\""`. */
function requote(text: string, from: number, to: number): string {
  let s = '"'
  for (let j = from; j < to; j++) {
    const ch = text[j] as string
    if (ch === '\\' && text[j + 1] === "'") {
      s += "'"
      j++
    } else if (ch === '\\') {
      s += ch + (text[j + 1] ?? '')
      j++
    } else if (ch === '"') s += '\\"'
    else s += ch.charCodeAt(0) < 32 ? controlEscape(ch) : ch
  }
  return `${s}"`
}

/**
 * Visual-RFT's `extract_bbox`, faithfully: the text after the first `<answer>` up to the first `</answer>` (or
 * the end); if it does not end with `]`, cut at the last `},` and append `}]`; replace every `'` with `"`;
 * `json.loads`, failure giving undefined. Differences from Python: `NaN`/`Infinity` literals fail here.
 * @see https://github.com/Liuziyu77/Visual-RFT src/virft/src/open_r1/grpo.py (rewards.md §1a step 4)
 * @example visualRftExtractBbox("<answer>[{'Position': [1, 2, 3, 4], 'Confidence': 0.9}, {'Posi") //= [{ Position: [1, 2, 3, 4], Confidence: 0.9 }]
 */
export function visualRftExtractBbox(response: string): unknown {
  const open = response.indexOf('<answer>')
  if (open === -1) return undefined
  const start = open + '<answer>'.length
  let end = response.indexOf('</answer>')
  if (end === -1) end = response.length
  let content = response.slice(start, Math.max(start, end))
  if (!content.endsWith(']')) {
    const cut = content.lastIndexOf('},')
    content = `${cut === -1 ? content : content.slice(0, cut)}}]`
  }
  try {
    return JSON.parse(content.replaceAll("'", '"'))
  } catch {
    return undefined
  }
}
