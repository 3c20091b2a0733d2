import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runReward } from '../../../core/run-reward.js'
import { classification } from './classification.js'
import { classificationReward } from './reward.js'

const score = (response: string, reference: unknown, params = {}) =>
  runReward(classificationReward, classificationReward.params.parse(params), { response, reference }, { services: {} })

describe('classification', () => {
  it.each([
    // CLS-RL exact: stripped, case-insensitive, answer block or whole output
    ['<answer> Golden Retriever </answer>', 'golden retriever', 'exact', 'fixed', 1],
    ['golden retriever', 'Golden Retriever', 'exact', 'fixed', 1], // no tag: the whole output
    ['<answer>retriever</answer>', 'golden retriever', 'exact', 'fixed', 0],
    // Visual-RFT substring after removing spaces and "_" (rewards.md §1b)
    ['<answer>golden_retriever dog</answer>', 'Golden Retriever', 'substring', 'fixed', 1],
    ['<answer>retriever</answer>', 'golden retriever', 'substring', 'fixed', 1], // ans in gt, as Visual-RFT
    ['<answer>cat</answer>', 'dog', 'substring', 'fixed', 0],
    // the QUIRK: an empty answer is a substring of everything
    ['<answer></answer>', 'dog', 'substring', 'faithful', 1],
    // No-Thinking CLS-RL: the whole output exactly
    ['dog', 'dog', 'verbatim', 'fixed', 1],
    ['dog ', 'dog', 'verbatim', 'fixed', 0],
    ['Dog', 'dog', 'verbatim', 'fixed', 0],
  ] as const)('%j vs %j (%s, %s) → %d', async (response, label, match, mode, expected) => {
    expect((await score(response, label, { match, mode })).score).toBe(expected)
  })

  // faithful reads only the references' strict `<answer>(.*?)</answer>`; fixed also reads spaced tags (EasyR1)
  it.each([
    ['< answer >dog</answer>', 'exact', 'faithful', 0], // audit: no strict tag, and the whole output is not "dog"
    ['< answer >dog</answer>', 'exact', 'fixed', 1],
    ['< answer >dog</answer> <answer>cat</answer>', 'exact', 'faithful', 0], // the first strict block says cat
    ['< answer >dog</answer> <answer>cat</answer>', 'substring', 'faithful', 0],
    ['< answer >dog</answer> <answer>cat</answer>', 'substring', 'fixed', 1], // the spaced block comes first
  ] as const)('tags: %j (%s, %s) → %d', async (response, match, mode, expected) => {
    expect((await score(response, 'dog', { match, mode })).score).toBe(expected)
  })

  it('fixed mode never pays an empty answer', async () => {
    expect(await score('<answer></answer>', 'dog', { match: 'substring' })).toMatchObject({
      score: 0,
      valid: false,
      reason: { code: 'empty_answer' },
    })
    expect(classification('', '', 'dog', { match: 'substring' })).toBe(false)
  })

  it('reads the first answer block without DOTALL by default (Visual-RFT, CLS-RL)', async () => {
    // the block spans lines, so without DOTALL it is not found and the whole output is used
    expect((await score('<answer>\ndog\n</answer>', 'dog', { match: 'substring' })).score).toBe(1)
    expect((await score('<answer>\ndog\n</answer>', 'dog')).score).toBe(0)
  })

  it('invalid on a missing reference', async () => {
    expect(await score('<answer>dog</answer>', undefined)).toMatchObject({
      valid: false,
      reason: { code: 'missing_reference' },
    })
  })

  it('a 10 MB response is bounded', async () => {
    const t = performance.now()
    await score(`<answer>dog</answer>${' '.repeat(10_000_000)}`, 'dog')
    await score('x'.repeat(10_000_000), 'dog', { match: 'substring' })
    expect(performance.now() - t).toBeLessThan(3000)
  })

  it('fixed mode never matches a blank answer (spaces, underscores) in substring or exact match', () => {
    const blank = fc.string({ unit: fc.constantFrom(' ', '\n', '\t', '_'), maxLength: 8 })
    fc.assert(
      fc.property(blank, fc.string({ minLength: 1, maxLength: 20 }), (answer, label) => {
        expect(classification(answer, '<answer></answer>', label, { match: 'substring' })).toBe(false)
        if (label.trim().toLowerCase() !== answer.trim().toLowerCase() || label.trim() === '')
          expect(classification(answer, '<answer></answer>', label, { match: 'exact' })).toBe(false)
      }),
    )
  })

  it('the label itself always matches, in every match and mode', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().replace(/[ _]/g, '') !== ''),
        (label) => {
          for (const match of ['exact', 'substring', 'verbatim'] as const)
            for (const mode of ['fixed', 'faithful'] as const)
              expect(classification(label, label, label, { match, mode })).toBe(true)
        },
      ),
    )
  })
})
