import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { extractNumbers, firstNumber, lastNumber, numberValue, parseNumber } from './numbers.js'

const values = (text: string, options = {}) => extractNumbers(text, options).map(numberValue)

describe('extractNumbers', () => {
  it.each([
    ['there are 3 cats', [3]],
    ['1,234 and 1,234,567.5', [1234, 1234567.5]], // English thousands separators
    ['1,2,3', [1, 2, 3]], // a list: groups of other than 3 digits are not thousands
    ['(3,5)', [3, 5]], // coordinates are two numbers while scanning text
    ['[12, 34, 56, 78]', [12, 34, 56, 78]],
    ['1.234.567 people', [1234567]], // dot grouping read as European
    ['1.234,5 kg', [1234.5]], // European with decimal comma
    ['1\u202f234\u202f567 and 1\u00a0234', [1234567, 1234]], // narrow no-break / no-break space groups
    ['1\u00a0234\u202f567', [1234, 567]], // one number uses one separator throughout
    ["1'000'000", [1000000]], // Swiss apostrophe
    ['.5 and -2 and −3 and +4', [0.5, -2, -3, 4]], // leading dot, ASCII minus, Unicode minus, plus
    ['5-3', [5, 3]], // a range or subtraction, not a negative number
    ['x-5', [5]], // the minus after a letter is a hyphen
    ['25% and 7 percent and 3 per cent and 2 pct', [0.25, 0.07, 0.03, 0.02]], // percent written four ways
    ['$1,200 or €5 or 5€', [1200, 5, 5]], // currency symbols are not part of the value
    ['12cm, 3rd, 2x', [12, 3, 2]], // units and suffixes after the digits are fine
    ['H2O x25 COVID19', []], // digits glued after letters are not numbers
    ['1.5 million and 3 thousand', [1500000, 3000]], // scale words after digits
    ['1e3 and 2.5E-2 and 5em', [1000, 0.025, 5]], // exponents; "em" is a unit
    ['２５ apples', [25]], // fullwidth digits (CJK output)
    ['有3个苹果', [3]], // CJK letters next to a number do not glue to it
    ['The answer is 7.', [7]], // a sentence-final period is not a decimal point
    ['0.1 + 0.2', [0.1, 0.2]],
    ['12345678901234567890', [Number('12345678901234567890')]], // past 2^53: the engine rounds
    ['0.000000000000000000000001', [1e-24]], // past the fast path's power of ten
  ])('%j → %j', (text, expected) => {
    expect(values(text)).toEqual(expected)
  })

  it.each([
    ['seven', [7]],
    ['Twenty-one cats', [21]], // capitalised, hyphenated
    ['one hundred and five', [105]],
    ['two thousand three hundred forty-five', [2345]],
    ['a dozen eggs and a hundred birds', [12, 100]],
    ['fifteen hundred', [1500]],
    ['one two three', [1, 2, 3]], // ill-formed sequences are separate numbers
    ['twenty twelve', [20, 12]],
    ['zero', [0]],
    ['a cat and an owl', []], // articles alone are not numbers
    ['often tent someone', []], // number words inside other words do not count
    ['fifty percent', [0.5]],
    ['one thousand thousand', [1000]], // the second "thousand" cannot follow a larger-or-equal scale
  ])('words: %j → %j', (text, expected) => {
    expect(values(text)).toEqual(expected)
  })

  it('can turn words off, and decimal conventions are selectable', () => {
    expect(values('seven and 7', { words: false })).toEqual([7])
    expect(values('3,5 and 1.234', { decimal: 'comma' })).toEqual([3.5, 1234])
    expect(values('1.234,5', { decimal: 'point' })).toEqual([1.234, 5])
  })

  it('reports spans, percent and words flags', () => {
    expect(extractNumbers('is -25 %')).toEqual([{ value: -25, percent: true, words: false, start: 3, end: 8 }])
    expect(extractNumbers('six')).toEqual([{ value: 6, percent: false, words: true, start: 0, end: 3 }])
  })

  it('stops at max', () => {
    expect(extractNumbers('1 2 3 4 5', { max: 2 })).toHaveLength(2)
    expect(extractNumbers('1 2 3', { max: 0 })).toEqual([])
  })
})

describe('firstNumber / lastNumber', () => {
  it('take the ends', () => {
    expect(firstNumber('I count seven apples and 2 pears')?.value).toBe(7)
    expect(lastNumber('3 red and 2 blue, so 5 in total')?.value).toBe(5)
    expect(firstNumber('none here')).toBeUndefined()
    expect(lastNumber('')).toBeUndefined()
  })
})

describe('parseNumber', () => {
  it.each([
    ['42', 42],
    [' $1,234.50 ', 1234.5],
    ['3,5', 3.5], // a lone number: the decimal comma is unambiguous
    ['0,25', 0.25],
    ['1,234', 1234], // ...but three digits after the comma stay a thousands group
    ['12 cm', 12],
    ['5 apples.', 5],
    ['25 %', 25],
    ['3/4', 0.75], // a simple fraction
    ['-3 / 4', -0.75],
    ['~7', 7],
    ['twenty', 20],
    ['1.5 million', 1500000],
  ])('%j → %d', (text, expected) => {
    expect(parseNumber(text)?.value).toBe(expected)
  })

  it.each([
    [''],
    ['abc'],
    ['5 or 6'], // hedging between two numbers is not a number
    ['1, 2'],
    ['1/2/2020'], // a date
    ['3/0'], // no division by zero
    ['The answer is 5'], // prose before the number: use first/last number instead
    ['5 (approx)'],
    ['5 then a very long trailing explanation of units'], // over 32 chars of suffix
    ['3/4 and 5'],
  ])('%j → undefined', (text) => {
    expect(parseNumber(text)).toBeUndefined()
  })
})

describe('properties', () => {
  it('round-trips integers and decimals written by JavaScript', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), (x) => {
        const text = String(x)
        if (/e/i.test(text)) return
        expect(parseNumber(text)?.value).toBe(x === 0 ? 0 : x)
      }),
    )
  })

  it('round-trips English thousands grouping', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (x) => {
        expect(parseNumber(x.toLocaleString('en-US'))?.value).toBe(x)
        expect(values(`value: ${x.toLocaleString('en-US')}.`)).toEqual([x])
      }),
    )
  })

  it('reads every number word up to 9999 as its value', () => {
    const ones = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']
    const teens = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen']
    const tens = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']
    const below100 = (n: number): string =>
      n < 10
        ? (ones[n] as string)
        : n < 19
          ? (teens[n - 10] as string)
          : n === 19
            ? 'nineteen'
            : `${tens[Math.floor(n / 10)]}${n % 10 ? `-${ones[n % 10]}` : ''}`
    const say = (n: number): string => {
      const parts: string[] = []
      if (n >= 1000) parts.push(`${below100(Math.floor(n / 1000))} thousand`)
      const h = Math.floor((n % 1000) / 100)
      if (h) parts.push(`${ones[h]} hundred`)
      if (n % 100) parts.push((h || n >= 1000 ? 'and ' : '') + below100(n % 100))
      return parts.join(' ')
    }
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), (n) => {
        expect(values(say(n))).toEqual([n])
      }),
    )
  })

  it('never throws, and spans are ordered and inside the text', () => {
    const soup = fc.string({
      unit: fc.constantFrom(
        '1',
        '2',
        '0',
        ',',
        '.',
        ' ',
        '-',
        '%',
        'e',
        'one',
        'hundred',
        'and',
        'a',
        'x',
        '\u00a0',
        "'",
        '/',
        '−',
      ),
      maxLength: 40,
    })
    fc.assert(
      fc.property(fc.oneof(soup, fc.string({ unit: 'grapheme', maxLength: 60 })), (text) => {
        const all = extractNumbers(text)
        let at = 0
        for (const n of all) {
          expect(n.start).toBeGreaterThanOrEqual(at)
          expect(n.end).toBeGreaterThan(n.start)
          expect(n.end).toBeLessThanOrEqual(text.length)
          expect(Number.isNaN(n.value)).toBe(false)
          at = n.end
        }
        parseNumber(text)
        expect(lastNumber(text)).toEqual(all.at(-1))
      }),
      { numRuns: 20_000 },
    )
  })
})

// Linear scans: 256 KB takes a few ms on an idle core (a quadratic scan would take minutes); the bound is loose
// because CI cores are shared.
describe('adversarial input is linear', () => {
  it.each([
    ['256 KB of digits', '9'.repeat(1 << 18)],
    ['256 KB of "1,"', '1,'.repeat(1 << 17)],
    ['256 KB of "1,000"', '1,000'.repeat(1 << 16)],
    ['256 KB of "one "', 'one '.repeat(1 << 16)],
    ['256 KB of "twenty-"', 'twenty-'.repeat(1 << 15)],
    ['1 MB of exponent', `1e${'9'.repeat(1 << 20)}`],
    ['1 MB of "-"', '-'.repeat(1 << 20)],
    ['256 KB of "a "', 'a '.repeat(1 << 17)],
  ])('%s', (_, text) => {
    const t = performance.now()
    lastNumber(text)
    parseNumber(text)
    expect(performance.now() - t).toBeLessThan(1500)
  })
})
