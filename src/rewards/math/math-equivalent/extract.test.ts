import { describe, expect, it } from 'vitest'
import { isWordy, mathEquivalent, parseAnswer } from './math-equivalent.js'
import type { Case } from './table.js'

// Extraction from free text: environments, priorities, "and/or" joins, extract targets, boxedFirst.
const cases: Case[] = [
  ['5', 'Thus $x = 5$.', true, 'inline dollars'],
  ['5', 'Thus $$x = 5$$', true, 'display dollars'],
  ['5', 'Thus \\[x = 5\\]', true, 'display brackets'],
  ['5', 'Thus \\(x = 5\\)', true, 'inline parentheses'],
  ['5', 'so \\boxed{5}', true, 'a bare \\boxed outside any environment'],
  ['5', '$\\boxed{5}$', true, '\\boxed inside dollars'],
  ['\\frac{1}{2}', 'half is \\frac{1}{2} here', true, 'a bare \\frac outside environments'],
  ['5', 'x^2 = 25 so x = 5', true, 'plain text: the last number wins at the lowest priority'],
  ['25', 'x^2 = 25 so x = 5', false, 'and an earlier number is not tried once a later one parses'],
  ['\\frac{1}{2}', '\\boxed{\\frac{1}{2}}', true, 'nested braces inside \\boxed'],
  ['\\frac{1}{2}', '\\boxed{\\dfrac{\\sqrt{4}}{4}}', true, 'deeper nesting inside \\boxed'],
  ['3', '$1$ then $2$ then $3$', true, 'the last environment is tried first'],
  ['1', '$1$ then $2$ then $3$', false, 'an earlier environment does not count'],
  ['2', 'The final answer is $2$. I hope it is correct.', true, 'priority 0: the Minerva phrase'],
  ['2', 'The final answer is $2$. I hope it is correct. Later $3$.', true, 'priority 0 beats a later bare environment'],
  ['2', 'Final answer: the value is $2$. But also $7$.', true, '"final answer … is X" beats a later bare one'],
  ['2', 'Answer: $2$. Check: $7$', true, '"answer: X" beats a later bare environment'],
  ['7', 'Answer: $2$. Check: $7$', false, 'so the bare one is not the answer'],
  [
    '2',
    'the answer is $2$ and we double-check with $7$ later',
    true,
    '"answer … X" (150) beats a later bare environment (300)',
  ],
  ['2', 'the answer is $2$ and $7$', false, 'but "X and Y" right after it is one answer: a set'],
  [
    '2',
    '\\boxed{2} and then the final answer is $3$',
    false,
    'reference order: "final answer … is" (50) before \\boxed (55)',
  ],
  ['2', '\\boxed{2} and then the final answer is $3$', true, 'boxedFirst puts \\boxed first', { boxedFirst: true }],
  ['3', '\\boxed{1} and \\boxed{3}', false, 'two boxes joined by "and" are one set answer'],
  ['3', '\\boxed{1}. Wait, no: \\boxed{3}', true, 'two boxes apart: the last one wins'],
  ['\\{1,3\\}', '\\boxed{1} and \\boxed{3}', true, 'joined boxes equal the gold set'],
  ['5', 'The answer is 5.', true, 'expr target: a number after "answer"'],
  ['5', 'The answer is 5.', false, 'expr off: plain numbers are not extracted', { extract: ['latex'] }],
  ['5', 'The answer is $5$.', true, 'latex only still reads environments', { extract: ['latex'] }],
  [
    '5',
    'The answer is $5$.',
    true,
    'expr only ignores the environment but still finds the number',
    { extract: ['expr'] },
  ],
  [
    '\\frac{1}{2}',
    'The answer is $\\frac{1}{2}$',
    false,
    'expr only: the numbers inside LaTeX are not read',
    { extract: ['expr'] },
  ],
  ['1/2', 'The ratio is 1/2.', true, 'expr target: a digit-led fraction'],
  ['6', 'Compute 2*3 to get it', true, 'expr target: a digit-led product'],
  ['6', 'Compute 2 × 3', true, 'the × sign'],
  ['4', '12 ÷ 3', true, 'the ÷ sign'],
  ['2', 'step 1\n2\n', true, 'a number at the start of the last line'],
  ['-4', 'so the value is -4', true, 'a negative number in text'],
  ['4', 'so the value is -4', false, 'the minus sign belongs to the number'],
  ['5', 'x5 and y7', false, 'digits glued to letters are not answers'],
  ['2', 'The 2nd option', false, 'ordinals are not answers'],
  ['100', 'It costs €100.', true, 'a currency symbol before a number'],
  ['3', '<answer>3</answer>', true, 'a number inside tags'],
  ['5', 'It is $5$ \n\n more text without math', true, 'trailing prose after the answer'],
  ['12', '$$\n12\n$$', true, 'a display environment spanning lines'],
  ['12', '$\n12\n$', true, 'inline dollars do not span lines, but the number is still read as plain text'],
  ['12', '$\n12\n$', false, 'and not at all with latex extraction only', { extract: ['latex'] }],
  ['x^2', 'so $f(x)=x^2$', true, 'a function definition unwraps to its right side'],
  ['\\frac{\\sqrt{3}}{2}', 'the value is $\\frac{\\sqrt{3}}{2}$.', true, 'the trailing period is dropped'],
  ['9', '**Final Answer**\n\\[\n\\boxed{9}\n\\]', true, 'the DeepSeek-style final block'],
  ['x^2+1', 'x^2+1', false, 'a prediction is free text: bare LaTeX outside an environment is not read (reference)'],
]

describe('mathEquivalent: extraction', () => {
  it.each(cases)('%s vs %j → %s (%s)', (...c) => {
    const [gold, pred, equal, , options] = c as unknown as Case
    expect(mathEquivalent(gold, pred, options).equal).toBe(equal)
  })
})

// The gold: one LaTeX answer when it is LaTeX; through the same extraction as the prediction when it is text,
// as Math-Verify's `parse(gold)` (numbers among words, with no LaTeX syntax: `isWordy`).
const golds: Case[] = [
  ['1 and 2', '1 and 2', true, 'a text gold is extracted as the prediction is (not 1·a·n·d·2)'],
  ['1, 2', '1, 2', true, 'the gold text itself: equal once both sides parse (the gold is a set, the output its 1)'],
  ['5 cm', '$5$', true, 'a number with a unit in words'],
  ['3 apples', '3', true, 'a number with a noun'],
  ['5 cm', '$6$', false, 'and another number is still wrong'],
  ['3 apples', 'The answer is 4', false, 'in prose too'],
  ['25 percent', '$0.25$', true, 'the word percent in a gold'],
  ['1,234 apples', 'so 1234', true, 'a grouped number among words'],
  ['x is 4', '$4$', true, 'words before the value'],
  ['xy - 1', '$1$', false, 'a `-` between terms is LaTeX: the gold is xy − 1, not its 1'],
  ['2 x+1', '$1$', false, 'a `+` is LaTeX too'],
  ['ab', '$a b$', true, 'letters without a digit stay LaTeX (a product)'],
]

describe('mathEquivalent: how a gold is read', () => {
  it.each(golds)('%s vs %j → %s (%s)', (...c) => {
    const [gold, pred, equal, , options] = c as unknown as Case
    expect(mathEquivalent(gold, pred, options).equal).toBe(equal)
  })
  it.each([
    ['5 cm', true],
    ['1 and 2', true],
    ['x is 4', true],
    ['-3 apples', true],
    ['1, 2', false], // no word: a LaTeX list
    ['xy - 1', false],
    ['2x+1', false],
    ['10\\text{ cm}', false], // LaTeX: the unit goes in normalisation
    ['x^2 cm', false],
    ['ab', false], // no digit
  ])('isWordy(%j) → %s', (text, want) => {
    expect(isWordy(text)).toBe(want)
  })
})

describe('parseAnswer', () => {
  it.each([
    ['x^2+1', 'bare', 'expr'],
    ['(1, 2]', 'auto', 'interval'],
    ['The answer is $\\{1,2\\}$', 'auto', 'set'],
    ['\\begin{pmatrix}1\\\\2\\end{pmatrix}', 'bare', 'matrix'],
    ['1 < x \\le 2', 'auto', 'relation'],
  ] as const)('%s (%s) → %s', (text, mode, kind) => {
    expect(parseAnswer(text, mode).candidates[0]?.value?.kind).toBe(kind)
  })
  it('reads a gold as bare LaTeX, and a prose gold through extraction', () => {
    expect(mathEquivalent('x^2+1', 'so $x^2+1$').equal).toBe(true)
    expect(mathEquivalent('The answer is 7', 'so $7$').equal).toBe(true)
  })
})
