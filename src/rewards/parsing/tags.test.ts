import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { extractAllTags, extractAnswer, extractTag } from './tags.js'

// Expected values computed with Python's `re` (search / findall of r"<answer>(.*?)</answer>", with and without DOTALL).
const PYTHON: [string, string | null, string | null, string[], string[]][] = [
  ['<think>x</think><answer> B </answer>', ' B ', ' B ', [' B '], [' B ']],
  ['<answer>a</answer><answer>b</answer>', 'a', 'a', ['a', 'b'], ['a', 'b']],
  // a nested open tag is content, as in Python
  ['<answer>a<answer>b</answer>', 'a<answer>b', 'a<answer>b', ['a<answer>b'], ['a<answer>b']],
  // without DOTALL the first block cannot cross its newline, so the search moves on to the next open tag
  ['<answer>line1\nline2</answer><answer>c</answer>', 'line1\nline2', 'c', ['line1\nline2', 'c'], ['c']],
  ['<answer>line1\nline2</answer>', 'line1\nline2', null, ['line1\nline2'], []],
  ['no tags', null, null, [], []],
  ['<answer>unclosed', null, null, [], []],
  ['</answer><answer>x</answer>', 'x', 'x', ['x'], ['x']],
  ['<answer></answer>', '', '', [''], ['']],
  ['<answer>a</answer>tail<answer>b\n</answer>', 'a', 'a', ['a', 'b\n'], ['a']],
]

describe('extractTag matches Python re', () => {
  it.each(PYTHON)('%j', (text, firstDot, firstNoDot, allDot, allNoDot) => {
    const strict = { lenient: false }
    expect(extractTag(text, 'answer', { ...strict, multiline: true }) ?? null).toBe(firstDot)
    expect(extractTag(text, 'answer', { ...strict, multiline: false }) ?? null).toBe(firstNoDot)
    expect(extractAllTags(text, 'answer', { ...strict, multiline: true })).toEqual(allDot)
    expect(extractAllTags(text, 'answer', { ...strict, multiline: false })).toEqual(allNoDot)
    expect(extractTag(text, 'answer', { ...strict, which: 'last' }) ?? null).toBe(allDot.at(-1) ?? null)
  })

  const alphabet = fc.constantFrom('<answer>', '</answer>', '<', '>', '/', 'a', '\n', ' ', '</', 'answer')
  const text = fc.array(alphabet, { maxLength: 30 }).map((parts) => parts.join(''))

  it('agrees with an equivalent JS regex on random tag soup (strict tags)', () => {
    fc.assert(
      fc.property(text, fc.boolean(), (s, dotall) => {
        const re = dotall ? /<answer>([\s\S]*?)<\/answer>/g : /<answer>(.*?)<\/answer>/g
        const all = [...s.matchAll(re)].map((m) => m[1])
        expect(extractAllTags(s, 'answer', { lenient: false, multiline: dotall })).toEqual(all)
        expect(extractTag(s, 'answer', { lenient: false, multiline: dotall })).toBe(all[0])
        expect(extractTag(s, 'answer', { lenient: false, multiline: dotall, which: 'last' })).toBe(all.at(-1))
      }),
    )
  })

  it('lenient mode finds the block strict mode finds after EasyR1 whitespace normalisation', () => {
    fc.assert(
      fc.property(text, (s) => {
        // EasyR1: re.sub(r"\s*(<|>|/)\s*", r"\1", s); on text without stray "/" or ">" inside content the two agree,
        // up to the whitespace next to the tags, which the normalisation strips and lenient mode keeps as content
        // (callers trim): `<answer> </answer>` is " " here and "" there
        const normalised = s.replace(/\s*([<>/])\s*/g, '$1')
        if (normalised.replace(/<\/?answer>/g, '').match(/[<>/]/)) return
        const lenient = extractTag(s, 'answer')
          ?.replace(/\s*([<>/])\s*/g, '$1')
          .trim()
        expect(lenient).toBe(extractTag(normalised, 'answer', { lenient: false }))
      }),
      { examples: [['<answer> </answer>'], ['<answer>\na </answer>'], ['<answer><answer>\n<answer></answer>']] },
    )
  })
})

describe('lenient tags', () => {
  it.each([
    ['< answer > 7 </ answer >', ' 7 '],
    ['<answer>\n7\n</answer >', '\n7\n'],
    ['<answer 7</answer>', undefined], // an unterminated open tag is not a tag
    ['<answer> </answer>', ' '], // content kept as it is, whitespace included (EasyR1's normalisation would strip it)
  ])('%j → %j', (text, expected) => {
    expect(extractTag(text, 'answer')).toBe(expected)
  })
})

describe('extractAnswer', () => {
  it('trims the answer block, and falls back to the whole output only when asked', () => {
    expect(extractAnswer('<think>..</think><answer> C </answer>')).toBe('C')
    expect(extractAnswer('just C')).toBeUndefined()
    expect(extractAnswer(' just C ', { fallbackToWhole: true })).toBe('just C')
  })
})

describe('adversarial input', () => {
  const time = (text: string) => {
    const t = performance.now()
    extractTag(text, 'answer', { multiline: false })
    extractTag(text, 'answer', { which: 'last' })
    return performance.now() - t
  }
  // Linear, not quadratic: 4× the input takes well under 16× the time (a ratio robust to a loaded machine),
  // and 1 MB stays far below a second.
  it.each([
    ['"<"', (n: number) => '<'.repeat(n)],
    ['open tags', (n: number) => '<answer>'.repeat(n / 8)],
    ['open tags with newlines, no DOTALL', (n: number) => '<answer>\n</answer>'.repeat(n / 18)],
    ['"< " runs', (n: number) => '<      '.repeat(n / 7)],
  ])('1 MB of %s is linear', (_, make) => {
    const small = Math.min(...[0, 1, 2].map(() => time(make(1 << 18))))
    const large = Math.min(...[0, 1, 2].map(() => time(make(1 << 20))))
    expect(large).toBeLessThan(Math.max(10 * small, 50))
    expect(large).toBeLessThan(3000)
  })
})

describe('whitespace inside lenient tags is exactly JavaScript \\s', () => {
  it('agrees with /<\\s*answer\\s*>/ for every code unit as the space', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c)
      const text = `<${ch}answer${ch}>x<${ch}/${ch}answer${ch}>`
      const expected = /^\s$/.test(ch) ? 'x' : undefined
      if (extractTag(text, 'answer') !== expected) throw new Error(`code unit ${c.toString(16)}`)
    }
  })
})
