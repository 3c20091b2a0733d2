/**
 * The span parsers of the temporal-grounding papers, each as its reference code reads a response, in linear time.
 * Each returns the predicted `[start, end]` without judging it (a reversed span is returned reversed).
 */
import { skipWhitespace } from '../../parsing/chars.js'
import { extractTag } from '../../parsing/tags.js'
import { decimalEnd, digitsEnd, isDigit, nextDigit } from '../shared/scan.js'
import type { Span } from '../shared/span.js'

/** Why no span came out of a response. */
export type SpanParseFailure = 'no_answer' | 'empty_answer' | 'no_span'

export type SpanParse = { span: Span; text: string } | { failure: SpanParseFailure; text: string }

/**
 * TimeLens: the `<answer>` body if the whole output is `<think>…</think>\s*<answer>…</answer>` (DOTALL fullmatch),
 * else the whole output; lowercased, every "to" replaced by "-"; then the first pair of `HH:MM:SS(.f)`/`MM:SS(.f)`
 * times, else the first `a - b`, else the first two numbers.
 * Details the spec leaves open, chosen here: clock times are `\d{1,2}:\d{2}(:\d{2})?(\.\d+)?` not touching other
 * digits, read left to right; a lone clock time (no pair) falls through to the next rule; only ASCII digits count.
 * @see rewards.md §6b; TencentARC/TimeLens `training/utils/parser.py`
 * @example parseTimeLens('The event happens from 12.5 to 20.0 seconds.') //= { span: [12.5, 20], … }
 */
export function parseTimeLens(response: string): SpanParse {
  const body = fullMatchAnswer(response) ?? response
  if (body.trim() === '') return { failure: 'empty_answer', text: body }
  const s = body.toLowerCase().replaceAll('to', '-')
  const span = clockPair(s) ?? dashPair(s) ?? numberPair(s)
  return span ? { span, text: body } : { failure: 'no_span', text: body }
}

/**
 * Time-R1: the last `<answer>` block, then the last match of `(\d+\.?\d*) (to|and) (\d+\.?\d*)` (case-insensitive,
 * single spaces, as `re.findall(…)[-1]`).
 * @see rewards.md §6c; xiaomi-research/time-r1 `main.py` `parse_timestamp_output`
 * @example parseTimeR1('<answer>12.5 to 20.0</answer>') //= { span: [12.5, 20], … }
 */
export function parseTimeR1(response: string): SpanParse {
  const body = extractTag(response, 'answer', { which: 'last', lenient: false })
  if (body === undefined) return { failure: 'no_answer', text: response }
  if (body.trim() === '') return { failure: 'empty_answer', text: body }
  const span = lastToAndPair(body)
  return span ? { span, text: body } : { failure: 'no_span', text: body }
}

/**
 * Motion-o `ans_tiou`: the first `<t>(\d+\.?\d*)</t>s to <t>(\d+\.?\d*)</t>s` in the first `<answer>` block.
 * @see rewards.md §6d; ostadabbas/Motion-o `training/reward_func_v3.py`
 * @example parseMotionO('<answer><t>3.0</t>s to <t>7.5</t>s</answer>') //= { span: [3, 7.5], … }
 */
export function parseMotionO(response: string): SpanParse {
  const body = extractTag(response, 'answer', { lenient: false })
  if (body === undefined) return { failure: 'no_answer', text: response }
  if (body.trim() === '') return { failure: 'empty_answer', text: body }
  const span = taggedSpan(body)
  return span ? { span, text: body } : { failure: 'no_span', text: body }
}

/** The first `<t>a</t>s to <t>b</t>s` in `s`, exactly as Motion-o's regex spells it. */
export function taggedSpan(s: string): Span | undefined {
  for (let i = s.indexOf('<t>'); i !== -1; i = s.indexOf('<t>', i + 1)) {
    const a = i + 3
    if (!isDigit(s.charCodeAt(a))) continue
    const ae = decimalEnd(s, a)
    if (!s.startsWith('</t>s to <t>', ae)) continue
    const b = ae + 12
    if (!isDigit(s.charCodeAt(b))) continue
    const be = decimalEnd(s, b)
    if (!s.startsWith('</t>s', be)) continue
    return [Number(s.slice(a, ae)), Number(s.slice(b, be))]
  }
  return undefined
}

/** The answer body when the whole text matches `<think>.*?</think>\s*<answer>(.*?)</answer>` (DOTALL). */
function fullMatchAnswer(s: string): string | undefined {
  if (!s.startsWith('<think>') || !s.endsWith('</answer>')) return undefined
  const close = s.length - 9
  // the lazy `.*?` takes the first `</think>` followed by `\s*<answer>`; a later one would start the body later still
  for (let i = s.indexOf('</think>', 7); i !== -1; i = s.indexOf('</think>', i + 1)) {
    const j = skipWhitespace(s, i + 8)
    if (s.startsWith('<answer>', j)) return j + 8 <= close ? s.slice(j + 8, close) : undefined
  }
  return undefined
}

/** A clock time at `i` (a digit-run start) as `[seconds, end]`. */
function clockAt(s: string, i: number): [number, number] | undefined {
  const a = digitsEnd(s, i)
  if (a - i > 2 || s.charCodeAt(a) !== 58) return undefined
  const b = digitsEnd(s, a + 1)
  if (b - a - 1 !== 2) return undefined
  let end = b
  let seconds = Number(s.slice(i, a)) * 60 + Number(s.slice(a + 1, b))
  if (s.charCodeAt(b) === 58) {
    const c = digitsEnd(s, b + 1)
    if (c - b - 1 === 2) {
      seconds = seconds * 60 + Number(s.slice(b + 1, c))
      end = c
    }
  }
  if (s.charCodeAt(end) === 46 && isDigit(s.charCodeAt(end + 1))) {
    const f = digitsEnd(s, end + 1)
    seconds += Number(s.slice(end, f))
    end = f
  }
  return isDigit(s.charCodeAt(end)) ? undefined : [seconds, end]
}

function clockPair(s: string): Span | undefined {
  let first: number | undefined
  // every clock time has a colon after its first 1–2 digits: jump from colon to colon (indexOf is native-fast)
  for (let c = s.indexOf(':'); c !== -1; ) {
    let i = c
    while (i > 0 && c - i < 3 && isDigit(s.charCodeAt(i - 1))) i--
    const t = i < c && (i === 0 || !isDigit(s.charCodeAt(i - 1))) ? clockAt(s, i) : undefined
    if (t) {
      if (first === undefined) first = t[0]
      else return [first, t[0]]
    }
    c = s.indexOf(':', t ? t[1] : c + 1)
  }
  return undefined
}

/** `re.search(r"(\d+\.?\d*)\s*-\s*(\d+\.?\d*)")`: only run starts can begin a match (see `decimalEnd`). */
function dashPair(s: string): Span | undefined {
  for (let i = nextDigit(s, 0); i !== -1; i = nextDigit(s, digitsEnd(s, i))) {
    const e1 = decimalEnd(s, i)
    let j = skipWhitespace(s, e1)
    if (s.charCodeAt(j) !== 45) continue
    j = skipWhitespace(s, j + 1)
    if (!isDigit(s.charCodeAt(j))) continue
    return [Number(s.slice(i, e1)), Number(s.slice(j, decimalEnd(s, j)))]
  }
  return undefined
}

/** The first two matches of `\d+\.?\d*`. */
function numberPair(s: string): Span | undefined {
  const i = nextDigit(s, 0)
  if (i === -1) return undefined
  const e = decimalEnd(s, i)
  const j = nextDigit(s, e)
  if (j === -1) return undefined
  return [Number(s.slice(i, e)), Number(s.slice(j, decimalEnd(s, j)))]
}

/** The last non-overlapping match of `(\d+\.?\d*) (to|and) (\d+\.?\d*)`, case-insensitive. */
function lastToAndPair(s: string): Span | undefined {
  let last: Span | undefined
  for (let i = nextDigit(s, 0); i !== -1; ) {
    const e1 = decimalEnd(s, i)
    let next = digitsEnd(s, i)
    if (s.charCodeAt(e1) === 32) {
      const word = s.slice(e1 + 1, e1 + 5).toLowerCase()
      const j = word.startsWith('to ') ? e1 + 4 : word === 'and ' ? e1 + 5 : -1
      if (j !== -1 && isDigit(s.charCodeAt(j))) {
        next = decimalEnd(s, j)
        last = [Number(s.slice(i, e1)), Number(s.slice(j, next))]
      }
    }
    i = nextDigit(s, next) // findall resumes after a match
  }
  return last
}
