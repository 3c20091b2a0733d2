import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { extractChoice, listedChoices } from './choice.js'

describe('extractChoice (lmms-eval ranking)', () => {
  it.each([
    ['B', 'B', 'start'],
    ['(C)', 'C', 'start'],
    ['B. Because the dog is brown', 'B', 'start'],
    ['**D**', 'D', 'start'], // markdown emphasis is transparent
    ['I pick A', 'A', 'end'],
    ['Looking at A and B, the answer is (C).', 'C', 'end'], // end beats the earlier lone letters
    ['The answer is B because of A)', 'A', 'end'], // end 9 outranks phrase 7, as in lmms-eval
    ['The answer is B because option A fails here', 'A', 'phrase'], // two phrases: the last wins
    ['The correct answer would be (D) since it fits', 'D', 'phrase'], // fillers between "answer" and the letter
    ['Options (A) and B. are wrong; D: maybe', 'A', 'paren'], // (A) 6 > B. 5 > D: 4
    ['See B. and C. then more', 'C', 'dot'], // the last occurrence of the best rank
    ['A cat sat on the mat', 'A', 'space'], // the article, as lmms-eval would read it (rank 2)
  ])('%j → %s (%s)', (text, letter, pattern) => {
    expect(extractChoice(text)).toMatchObject({ letter, pattern })
  })

  it('ignores letters glued to other letters or digits', () => {
    expect(extractChoice('ABC is EF-shaped, see A1 and xB')).toBeUndefined()
  })

  it('only reads allowed letters', () => {
    expect(extractChoice('The answer is F', 'ABCD')).toBeUndefined()
    expect(extractChoice('The answer is F', 'ABCDEF')?.letter).toBe('F')
    expect(extractChoice('the answer is b')).toBeUndefined() // lower case is prose, not an option
  })

  it('is deterministic and always points at an allowed standalone letter', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('A', 'B', 'C', ' ', '(', ')', '.', ':', 'answer is ', 'x', '\n', '*') }),
        (s) => {
          const m = extractChoice(s)
          expect(extractChoice(s)).toEqual(m)
          if (m) {
            expect(s[m.index]).toBe(m.letter)
            expect('ABCDE').toContain(m.letter)
          }
          if (m) listedChoices(s, m.index)
        },
      ),
      { numRuns: 20_000 },
    )
  })

  it('is linear on adversarial input', () => {
    const t = performance.now()
    extractChoice(`${' '.repeat(1 << 19)}${'A '.repeat(1 << 18)}`)
    extractChoice('answer is '.repeat(1 << 16))
    expect(performance.now() - t).toBeLessThan(1500)
  })
})

describe('listedChoices', () => {
  it.each([
    ['The answer is A, B or C', 'ABC'],
    ['(A) and (B)', 'AB'],
    ['A/B', 'AB'],
    ['B', 'B'],
    ['B. A cat is on it', 'B'], // an article after a full stop is not listed
    ['B A', 'A'], // letters separated only by spaces do not link
    ['C, C or C', 'C'], // repeats are one option
  ])('%j → %s', (text, letters) => {
    const m = extractChoice(text)
    expect(m).toBeDefined()
    expect(
      listedChoices(text, m?.index ?? 0)
        .sort()
        .join(''),
    ).toBe(letters)
  })
})
