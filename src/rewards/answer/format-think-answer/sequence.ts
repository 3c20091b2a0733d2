/**
 * A tiny matcher for the reference format regexes, which are all literals joined by `\s*` and lazy DOTALL gaps
 * (`.*?`). A fullmatch of such a pattern exists iff each gap's following literal run is taken at its earliest
 * occurrence (the run that must end the string excepted), so one left-to-right pass decides it in linear time,
 * where a backtracking regex on 10 MB of unbalanced tags can take minutes.
 */
import { isPyWhitespace, skipWhitespace } from '../../parsing/chars.js'

/** A literal, `\s*` (`ws`), `.*?` (`gap`), `.+?` (`gap1`), `\Z` (`end`) or Python's `$` (`end-or-newline`). */
export type Step = string | { ws: true } | { gap: 0 | 1 } | { end: 'end' | 'end-or-newline' }

export const WS: Step = { ws: true }
export const GAP: Step = { gap: 0 }
export const GAP1: Step = { gap: 1 }
export const END: Step = { end: 'end' }
export const DOLLAR: Step = { end: 'end-or-newline' }

/** Matches the literal/ws run `steps[from, to)` at `at`; returns its end or -1. */
function runAt(s: string, steps: readonly Step[], from: number, to: number, at: number): number {
  let pos = at
  for (let k = from; k < to; k++) {
    const st = steps[k] as Step
    if (typeof st === 'string') {
      if (!s.startsWith(st, pos)) return -1
      pos += st.length
    } else pos = skipWhitespace(s, pos)
  }
  return pos
}

function atEnd(s: string, pos: number, end: Step | undefined): boolean {
  if (!end || typeof end === 'string' || !('end' in end)) return false
  return pos === s.length || (end.end === 'end-or-newline' && pos === s.length - 1 && s[pos] === '\n')
}

/** Whether `steps` (anchored at the start, ending with an end step) match the whole of `s`. */
export function fullMatch(s: string, steps: readonly Step[]): boolean {
  let pos = 0
  let i = 0
  while (i < steps.length) {
    const st = steps[i] as Step
    if (typeof st === 'string' || 'ws' in st) {
      let j = i
      while (j < steps.length && (typeof steps[j] === 'string' || 'ws' in (steps[j] as object))) j++
      pos = runAt(s, steps, i, j, pos)
      if (pos === -1) return false
      i = j
      continue
    }
    if ('end' in st) return atEnd(s, pos, st)
    // a gap: find the following literal run at its earliest occurrence (or, before the end, one that ends there)
    let j = i + 1
    while (j < steps.length && (typeof steps[j] === 'string' || 'ws' in (steps[j] as object))) j++
    const first = steps[i + 1]
    if (typeof first !== 'string') return i + 1 === j && atEnd(s, s.length, steps[j]) // the gap eats the rest
    const mustEnd = j < steps.length && 'end' in (steps[j] as object)
    let at = s.indexOf(first, pos + st.gap)
    let found = -1
    while (at !== -1) {
      const e = runAt(s, steps, i + 1, j, at)
      if (e !== -1 && (!mustEnd || atEnd(s, e, steps[j]))) {
        found = e
        break
      }
      at = s.indexOf(first, at + 1)
    }
    if (found === -1) return false
    pos = found
    i = j
  }
  return pos === s.length
}

/**
 * EasyR1's normalisation for Qwen2.5-VL-32B output, `re.sub(r"\s*(<|>|/)\s*", r"\1", s)`, in one linear pass
 * (that regex retries its `\s*` at every position of a long blank run).
 * @see https://github.com/hiyouga/EasyR1 examples/reward_function/math.py
 */
export function squeezeTagSpace(s: string): string {
  let out = ''
  let copied = 0 // s[0, copied) is in `out`, squeezed
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c !== 60 && c !== 62 && c !== 47) continue
    let b = i
    while (b > copied && isPyWhitespace(s.charCodeAt(b - 1))) b--
    let a = i + 1
    while (a < s.length && isPyWhitespace(s.charCodeAt(a))) a++
    if (b === i && a === i + 1) continue // nothing to squeeze: copy nothing yet
    out += s.slice(copied, b) + s[i]
    copied = a
    i = a - 1
  }
  return copied === 0 ? s : out + s.slice(copied)
}
