/**
 * The fast path: plain numbers, integer fractions, percents and infinities, decided without the compute engine
 * (most gold answers in math RL data are one of these, and the engine's parser costs about 1 ms a call).
 */
import type { MathValue } from './types.js'

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d{1,3})?$/
const THOUSANDS = /^[+-]?[1-9]\d{0,2}(?:(?:,\d{3})+|(?: \d{3})+)(?:\.\d+)?$/
const FRAC = /^([+-]?)\\frac\{\s*([+-]?\d{1,15})\s*\}\{\s*([+-]?\d{1,15})\s*\}$/
const SLASH = /^([+-]?\d{1,15})\s*\/\s*([+-]?\d{1,15})$/
const INFINITY = /^([+-]?)\s*\\infty$/
const MIXED = /^([+-]?)(\d{1,15})\s*\\frac\{(\d{1,15})\}\{(\d{1,15})\}$/

function num(value: number, float: boolean): MathValue | undefined {
  return Number.isNaN(value) ? undefined : { kind: 'number', value, float }
}

/**
 * A number written plainly (`-1.5`, `1,234`, `\frac{3}{4}`, `3/4`, `25%`, `-\infty`), or undefined.
 * @example fastNumber('\\frac{3}{4}') //= { kind: 'number', value: 0.75, float: false }
 */
export function fastNumber(text: string): MathValue | undefined {
  let s = text.trim()
  if (s.length === 0 || s.length > 64) return undefined
  let scale = 1
  if (s.endsWith('%')) {
    scale = 0.01
    s = s.slice(0, -1).trimEnd()
  }
  if (DECIMAL.test(s)) return num(Number(s) * scale, s.includes('.') || s.includes('e'))
  if (THOUSANDS.test(s)) {
    const plain = s.replace(/[, ]/g, '')
    return num(Number(plain) * scale, plain.includes('.'))
  }
  let m = FRAC.exec(s)
  if (m) return fraction(m[1] === '-' ? -1 : 1, m[2] as string, m[3] as string, scale)
  m = SLASH.exec(s)
  if (m) return fraction(1, m[1] as string, m[2] as string, scale)
  m = MIXED.exec(s)
  if (m && Number(m[4]) !== 0) {
    // a mixed number `3\frac{1}{2}` is 3 + 1/2, not 3 · 1/2
    const v = Number(m[2]) + Number(m[3]) / Number(m[4])
    return num((m[1] === '-' ? -v : v) * scale, false)
  }
  if (scale === 1) {
    m = INFINITY.exec(s)
    if (m) return num(m[1] === '-' ? -Infinity : Infinity, false)
  }
  return undefined
}

function fraction(sign: number, a: string, b: string, scale: number): MathValue | undefined {
  const den = Number(b)
  if (den === 0) return undefined
  return num((sign * Number(a) * scale) / den, false)
}
