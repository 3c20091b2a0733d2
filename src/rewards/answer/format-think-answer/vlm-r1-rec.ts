/**
 * VLM-R1's REC format regex, decided by a linear scan. Every gap in
 * `<think>.*?</think>\s*<answer>.*?\{.*\[\d+,\s*\d+,\s*\d+,\s*\d+\].*\}.*?</answer>` is an unrestricted DOTALL
 * `.*` (lazy or greedy does not change whether `re.search` finds a match), so a match exists iff the pieces
 * `<think>`, `</think>\s*<answer>`, `{`, the box, `}`, `</answer>` occur in this order without overlap, and taking
 * each at its earliest end after the previous one decides it. No piece's occurrences overlap one another, so the
 * earliest to start is the earliest to end. (The backtracking regex is quadratic or worse on long tag soup.)
 */
import { pyDigitWidth, skipWhitespace } from '../../parsing/chars.js'

/** End of the box `\[\d+,\s*\d+,\s*\d+,\s*\d+\]` whose `[` is at `i`, or -1 (digits are Python's `\d`). */
function intBoxEnd(s: string, i: number): number {
  let j = i + 1
  for (let k = 0; k < 4; k++) {
    const start = j
    for (let w = pyDigitWidth(s, j); w > 0; w = pyDigitWidth(s, j)) j += w
    if (j === start) return -1
    if (k < 3) {
      if (s.charCodeAt(j) !== 44 /* , */) return -1
      j = skipWhitespace(s, j + 1)
    }
  }
  return s.charCodeAt(j) === 93 /* ] */ ? j + 1 : -1
}

/**
 * Whether `re.search(r"<think>.*?</think>\s*<answer>.*?\{.*\[\d+,\s*\d+,\s*\d+,\s*\d+\].*\}.*?</answer>", s,
 * re.DOTALL)` finds a match, in linear time.
 * @see https://github.com/om-ai-lab/VLM-R1 src/open-r1-multimodal/src/open_r1/vlm_modules/qwen_module.py; rewards.md §2a
 * @example vlmR1RecSearch('Sure <think>x</think><answer>{"b":[1,2,3,4]}</answer>') //= true
 * @example vlmR1RecSearch('<think>x</think><answer>[100,100,200,200]</answer>') //= false
 */
export function vlmR1RecSearch(s: string): boolean {
  const think = s.indexOf('<think>')
  if (think === -1) return false
  // `</think>\s*<answer>`: the whitespace after one `</think>` ends before the next `</think>` can start, so the
  // skips add up to one pass
  let answer = -1
  for (let at = s.indexOf('</think>', think + 7); at !== -1; at = s.indexOf('</think>', at + 8)) {
    const a = skipWhitespace(s, at + 8)
    if (s.startsWith('<answer>', a)) {
      answer = a + 8
      break
    }
  }
  if (answer === -1) return false
  const open = s.indexOf('{', answer)
  if (open === -1) return false
  // a box's scan stops at a non-box char, so it never runs past the next `[`: one pass over the text
  let boxEnd = -1
  for (let at = s.indexOf('[', open + 1); at !== -1 && boxEnd === -1; at = s.indexOf('[', at + 1))
    boxEnd = intBoxEnd(s, at)
  if (boxEnd === -1) return false
  const close = s.indexOf('}', boxEnd)
  return close !== -1 && s.indexOf('</answer>', close + 1) !== -1
}
