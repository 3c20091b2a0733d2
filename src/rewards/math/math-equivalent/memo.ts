/**
 * Memoised normalisation and parsing of one LaTeX answer. In RL batches the gold is parsed again for every
 * rollout of its group (8 to 16 times) and final answers repeat (`\frac{1}{2}`, `3\sqrt{2}`), so most parses
 * are repeats. Parsing is a pure function of the text (`ParseState` is only ever set, never read), so a hit
 * replays the `tooLarge` flag and returns the same value: values are shared and never mutated.
 * Bounded as the engine's cache (cleared when full); off with the fast path (`setFastPath(false)`), so the
 * engine-only path the tests compare against runs as it did.
 */
import { clearParseCache } from './engine.js'
import { fastPathEnabled } from './fast-path.js'
import { isPlainLatex, normalizeLatex } from './normalize.js'
import { type ParseState, parseMath } from './structure.js'
import type { MathValue } from './types.js'

const MAX_ENTRIES = 4096
/** Longer texts are not kept (answers are short; a long one is rarely seen twice). */
const MAX_KEY = 512

const normalized = new Map<string, string>()
const parsed = new Map<string, { value: MathValue | undefined; tooLarge: boolean }>()

function keep<V>(map: Map<string, V>, key: string, value: V): void {
  if (key.length > MAX_KEY || !fastPathEnabled()) return
  if (map.size >= MAX_ENTRIES) map.clear()
  map.set(key, value)
}

/** `normalizeLatex(latex)`, memoised. */
export function normalizeMemo(latex: string): string {
  // plain LaTeX normalises to itself: cheaper to check than to look up (and not worth a slot)
  if (fastPathEnabled() && isPlainLatex(latex)) return latex
  const hit = fastPathEnabled() ? normalized.get(latex) : undefined
  if (hit !== undefined) return hit
  const out = normalizeLatex(latex)
  keep(normalized, latex, out)
  return out
}

/** `parseMath(text, st)`, memoised. */
export function parseMemo(text: string, st: ParseState): MathValue | undefined {
  const hit = fastPathEnabled() ? parsed.get(text) : undefined
  if (hit) {
    if (hit.tooLarge) st.tooLarge = true
    return hit.value
  }
  const own: ParseState = { tooLarge: false }
  const value = parseMath(text, own)
  if (own.tooLarge) st.tooLarge = true
  keep(parsed, text, { value, tooLarge: own.tooLarge })
  return value
}

const clearHooks: (() => void)[] = []

/** Registers the clearing of another memo (the reward's verdicts) with `clearMemos`. */
export function onClearMemos(clear: () => void): void {
  clearHooks.push(clear)
}

/**
 * Forgets every parsed answer, verdict and engine parse, so that the next answers are seen for the first time
 * (for benchmarks of first sight; results never depend on it).
 */
export function clearMemos(): void {
  normalized.clear()
  parsed.clear()
  clearParseCache()
  for (const clear of clearHooks) clear()
}
