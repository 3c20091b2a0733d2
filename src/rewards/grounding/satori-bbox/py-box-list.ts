/**
 * The box lists SATORI-R1 accepts from `ast.literal_eval` of its `<bbox>` block: a list of 4-number lists, or one
 * flat list of 4 numbers (wrapped). Python literal syntax, strictly: comma-separated, an optional trailing comma,
 * ints and floats with an optional sign (`-1`, `2.`, `.5`, `1e3`, `1_000`); anything else is not a box list.
 * Written by hand because no npm library evaluates Python literals; one linear pass, no regex.
 */
import { isPyWhitespace } from '../../parsing/chars.js'

const isDigit = (c: number): boolean => c >= 48 && c <= 57

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
    const start = this.i
    let j = this.i
    const sign = this.s.charCodeAt(j)
    if (sign === 45 || sign === 43) {
      j++
      while (isPyWhitespace(this.s.charCodeAt(j))) j++ // literal_eval allows "- 1"
    }
    const body = j
    let digits = 0
    const run = () => {
      while (
        isDigit(this.s.charCodeAt(j)) ||
        (this.s.charCodeAt(j) === 95 && isDigit(this.s.charCodeAt(j + 1)) && j > body)
      ) {
        if (this.s.charCodeAt(j) !== 95) digits++
        j++
      }
    }
    run()
    if (this.s.charCodeAt(j) === 46) {
      j++
      run()
    }
    if (digits === 0) return undefined
    const e = this.s.charCodeAt(j)
    if (e === 101 || e === 69) {
      let k = j + 1
      if (this.s.charCodeAt(k) === 45 || this.s.charCodeAt(k) === 43) k++
      if (!isDigit(this.s.charCodeAt(k))) return undefined
      while (isDigit(this.s.charCodeAt(k))) k++
      j = k
    }
    if (isDigit(this.s.charCodeAt(j)) || /[A-Za-z_]/.test(this.s[j] ?? '')) return undefined // "1a", "0x1"
    this.i = j
    const text = this.s.slice(body, j).replaceAll('_', '')
    const v = Number(text)
    if (Number.isNaN(v)) return undefined
    return sign === 45 && start !== body ? -v : v
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
