import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseYesNo, yesNoOf } from './yes-no.js'

describe('parseYesNo', () => {
  it.each([
    ['Yes', 'yes', false],
    ['No.', 'no', false],
    ['yes, there is a dog', 'yes', false],
    ['No, there is not a dog', 'no', false], // "not" agrees with the leading no
    ['There is not a dog in the image', 'no', false], // POPE: "not" means no
    ['There is a dog, so yes', 'yes', false],
    ['True', 'yes', false],
    ['false', 'no', false],
    ['yes or no', 'yes', true], // the first word decides, but the answer hedges
    ['Maybe yes, maybe no', undefined, true], // mixed, no leading word: undecided and hedged
    ['Yesterday nobody came', undefined, false], // words inside other words do not count
    ['', undefined, false],
  ])('%j → %s (hedged %s)', (text, answer, hedged) => {
    expect(parseYesNo(text)).toEqual({ answer, hedged })
  })

  it('reads references', () => {
    expect(yesNoOf(true)).toBe('yes')
    expect(yesNoOf('No')).toBe('no')
    expect(yesNoOf('yes/no')).toBeUndefined()
    expect(yesNoOf(3)).toBeUndefined()
  })

  it('never throws, and a hedge always contains both words', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('yes', 'no', 'not', ' ', ',', 'x', 'Y', 'N', 'o') }), (s) => {
        const r = parseYesNo(s)
        if (r.hedged) expect(/\byes\b/i.test(s) && /\bno\b/i.test(s)).toBe(true)
      }),
    )
  })
})
