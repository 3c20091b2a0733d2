/**
 * The box lists SATORI-R1 accepts from `ast.literal_eval` of its `<bbox>` block: a list of 4-number lists, or one
 * flat list of 4 numbers (wrapped). Python literal syntax, strictly: comma-separated, an optional trailing comma,
 * ints and floats with an optional sign (`-1`, `2.`, `.5`, `1e3`, `1_000`); anything else is not a box list.
 * Written by hand because no npm library evaluates Python literals; one linear pass, no regex.
 */
import { isPyWhitespace } from '../../parsing/chars.js'

const isDigit = (c: number): boolean => c >= 48 && c <= 57
const isWordChar = (c: number): boolean =>
  isDigit(c) || c === 95 || c === 46 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

class Cursor {
  i = 0
  readonly s: string
  constructor(s: string) {
    this.s = s
  }
  ws(): void {
    while (isPyWhitespace(this.s.charCodeAt(this.i))) this.i++
  }
  eat(c: number): boolean {
    this.ws()
    if (this.s.charCodeAt(this.i) !== c) return false
    this.i++
    return true
  }
  peek(): number {
    this.ws()
    return this.s.charCodeAt(this.i)
  }
  /** A Python int or float literal with an optional unary sign, or undefined. */
  number(): number | undefined {
    this.ws()
    const s = this.s
    let j = this.i
    const sign = s.charCodeAt(j)
    if (sign === 45 || sign === 43) {
      j++
      while (isPyWhitespace(s.charCodeAt(j))) j++ // literal_eval allows "- 1"
    }
    const body = j
    let digits = 0
    let underscore = false
    for (let dot = false; ; j++) {
      const c = s.charCodeAt(j)
      if (isDigit(c)) digits++
      else if (c === 95 && j > body && isDigit(s.charCodeAt(j - 1)) && isDigit(s.charCodeAt(j + 1))) underscore = true
      else if (c === 46 && !dot) dot = true
      else break
    }
    if (digits === 0) return undefined
    const e = s.charCodeAt(j)
    if (e === 101 || e === 69) {
      let k = j + 1
      if (s.charCodeAt(k) === 45 || s.charCodeAt(k) === 43) k++
      if (!isDigit(s.charCodeAt(k))) return undefined
      while (isDigit(s.charCodeAt(k))) k++
      j = k
    }
    if (isWordChar(s.charCodeAt(j))) return undefined // "1a", "0x1", "1.2.3"
    this.i = j
    const literal = s.slice(body, j)
    const v = Number(underscore ? literal.replaceAll('_', '') : literal)
    if (Number.isNaN(v)) return undefined
    return sign === 45 ? -v : v
  }
  /** `[n, n, ...]` with an optional trailing comma; the opening `[` already eaten. */
  numbers(max: number): number[] | undefined {
    const out: number[] = []
    if (this.eat(93)) return out
    for (;;) {
      const v = this.number()
      if (v === undefined || out.length >= max) return undefined
      out.push(v)
      if (this.eat(93)) return out
      if (!this.eat(44)) return undefined
      if (this.eat(93)) return out
    }
  }
}

/**
 * The boxes of a SATORI `<bbox>` block, as 4-number arrays, or undefined when it is not a list of 4-number lists
 * (or one flat list of 4). At most `maxBoxes` boxes are read; more make the whole list undefined.
 * @example parsePyBoxList('[[0, 0, 10, 10], [5, 5, 15, 15],]') //= [[0, 0, 10, 10], [5, 5, 15, 15]]
 * @example parsePyBoxList('[1, 2, 3, 4]') //= [[1, 2, 3, 4]]
 * @example parsePyBoxList('[[1, 2, 3]]') //= undefined
 */
export function parsePyBoxList(text: string, maxBoxes = 256): number[][] | undefined {
  const c = new Cursor(text)
  if (!c.eat(91)) return undefined
  let out: number[][] | undefined
  if (c.peek() === 91) {
    out = []
    for (;;) {
      if (!c.eat(91)) return undefined
      const box = c.numbers(4)
      if (box?.length !== 4 || out.length >= maxBoxes) return undefined
      out.push(box)
      if (c.eat(93)) break
      if (!c.eat(44)) return undefined
      if (c.eat(93)) break
    }
  } else {
    const flat = c.numbers(4)
    if (flat?.length !== 4) return flat?.length === 0 ? [] : undefined
    out = [flat]
  }
  c.ws()
  return c.i === text.length ? out : undefined
}
