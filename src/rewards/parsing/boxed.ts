/**
 * `\boxed{…}` (and `\fbox{…}`) contents, brace-balanced so nested braces survive: `\boxed{\frac{1}{2}}` gives
 * `\frac{1}{2}`. Escaped braces (`\{`, `\}`) do not count. One linear scan; never throws.
 */

export interface BoxedOptions {
  /** `last` (default) as verl/EasyR1's `last_boxed_only_string`; `first` as ViCrit's eval. */
  which?: 'first' | 'last'
}

const COMMANDS = ['\\boxed', '\\fbox'] as const

/**
 * The content of the first or last `\boxed{…}`; undefined when there is none or it never closes (a truncated
 * output). Like the references, it does not fall back to another occurrence when the chosen one is unbalanced,
 * which keeps the scan linear. `\boxed 5` (no braces) gives the token up to whitespace or `$`.
 * @see https://github.com/volcengine/verl verl/utils/reward_score/math.py (`last_boxed_only_string`)
 * @example extractBoxed('so \\boxed{\\frac{1}{2}} and \\boxed{3}') //= '3'
 * @example extractBoxed('\\boxed{\\frac{1}{2}}', { which: 'first' }) //= '\\frac{1}{2}'
 */
export function extractBoxed(text: string, options: BoxedOptions = {}): string | undefined {
  const last = (options.which ?? 'last') === 'last'
  let at = -1
  let cmdLen = 0
  for (const cmd of COMMANDS) {
    const i = last ? text.lastIndexOf(cmd) : text.indexOf(cmd)
    if (i !== -1 && (at === -1 || (last ? i > at : i < at))) {
      at = i
      cmdLen = cmd.length
    }
  }
  if (at === -1) return undefined
  let i = at + cmdLen
  if (text[i] === ' ') {
    // `\boxed 5`: one token
    while (text[i] === ' ') i++
    const start = i
    while (i < text.length && text[i] !== '$' && text[i] !== ' ' && text[i] !== '\n') i++
    return i > start ? text.slice(start, i) : undefined
  }
  if (text[i] !== '{') return undefined
  let depth = 0
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j)
    if (c === 92) j++
    else if (c === 123) depth++
    else if (c === 125 && --depth === 0) return text.slice(i + 1, j)
  }
  return undefined
}
