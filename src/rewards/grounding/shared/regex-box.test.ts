import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { firstRegexBox, isBareIntBox } from './regex-box.js'

// The reference patterns, run by the JS engine on ASCII text (where JS and Python agree on \d and \s).
const VLM_R1 = /\[(\d+),\s*(\d+),\s*(\d+),\s*(\d+)]/
const GUI_G2 = /\[(-?\d*\.?\d+),\s*(-?\d*\.?\d+),\s*(-?\d*\.?\d+),\s*(-?\d*\.?\d+)\]/
const GUI_G2_FORMAT = /^\[\s*\d+\s*,\s*\d+\s*,\s*\d+\s*,\s*\d+\s*\]$/

const soup = fc
  .array(
    fc.constantFrom(
      '[',
      ']',
      ',',
      ', ',
      ' ',
      '1',
      '23',
      '-',
      '.',
      '.5',
      '4.',
      'a',
      '\n',
      '[1,2,3,4]',
      '[-1.5, 2, .3, 4]',
    ),
    {
      maxLength: 24,
    },
  )
  .map((p) => p.join(''))

const viaRegex = (re: RegExp, s: string) => re.exec(s)?.slice(1).map(Number)

describe('firstRegexBox matches the reference regexes exactly', () => {
  const agree = (check: (s: string) => void) => fc.assert(fc.property(soup, check), { numRuns: 5000 })
  it('int: VLM-R1', () => {
    agree((s) => {
      expect(firstRegexBox(s, 'int')).toEqual(viaRegex(VLM_R1, s))
    })
  })
  it('signed-decimal: GUI-G²', () => {
    agree((s) => {
      expect(firstRegexBox(s, 'signed-decimal')).toEqual(viaRegex(GUI_G2, s))
    })
  })
  it('isBareIntBox: the GUI-G² format fullmatch', () => {
    agree((s) => {
      expect(isBareIntBox(s)).toBe(GUI_G2_FORMAT.test(s))
    })
  })
  it.each([
    ['[100,100,200,200]', 'int', [100, 100, 200, 200]],
    ['[1.5,2,3,4] then [5,6,7,8]', 'int', [5, 6, 7, 8]], // the decimal box is skipped, the next one matches
    ['[-1.5, .5, 2, 3]', 'signed-decimal', [-1.5, 0.5, 2, 3]],
    ['[1., 2, 3, 4]', 'signed-decimal', undefined], // "\d*\.?\d+" needs a digit after the dot
  ] as const)('%j (%s) → %j', (text, kind, expected) => {
    expect(firstRegexBox(text, kind)).toEqual(expected)
  })
  it('is linear on a long run of digits, where the GUI-G² regex backtracks', () => {
    const text = `[${'1'.repeat(1 << 20)}`
    const t = performance.now()
    firstRegexBox(text, 'signed-decimal')
    expect(performance.now() - t).toBeLessThan(200)
  })
})
