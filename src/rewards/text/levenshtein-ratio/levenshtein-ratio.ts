import { codePointLength, codePoints, collapseWhitespace, lcsLength, levenshtein } from '../metrics/sequence.js'

export interface LevenshteinRatioOptions {
  /** `max-length`: 1 − lev/max(|a|,|b|); `indel`: python-Levenshtein/rapidfuzz `ratio`, 1 − indel/(|a|+|b|). */
  normalization?: 'max-length' | 'indel'
  /** Default true. */
  lowercase?: boolean
  /** collapse runs of whitespace to one space and trim. Default true. */
  collapseWhitespace?: boolean
}

function normalize(s: string, lowercase: boolean, collapse: boolean): string {
  const t = lowercase ? s.toLowerCase() : s
  return collapse ? collapseWhitespace(t) : t
}

/**
 * Normalised Levenshtein similarity in [0, 1]; two empty strings are equal (1), one empty string scores 0.
 * `indel` counts a substitution as two edits, as `Levenshtein.ratio` does.
 * @see https://github.com/rapidfuzz/Levenshtein (`ratio`)
 * @example levenshteinRatio('kitten', 'sitting') //= 0.5714…
 */
export function levenshteinRatio(a: string, b: string, options: LevenshteinRatioOptions = {}): number {
  const { normalization = 'max-length', lowercase = true, collapseWhitespace = true } = options
  const x = normalize(a, lowercase, collapseWhitespace)
  const y = normalize(b, lowercase, collapseWhitespace)
  const la = codePointLength(x)
  const lb = codePointLength(y)
  if (la === 0 && lb === 0) return 1
  const d = levenshtein(x, y)
  if (normalization === 'max-length') return 1 - d / Math.max(la, lb)
  return 1 - indelDistance(x, y) / (la + lb)
}

function indelDistance(a: string, b: string): number {
  const x = codePoints(a)
  const y = codePoints(b)
  return x.length + y.length - 2 * lcsLength(x, y)
}
