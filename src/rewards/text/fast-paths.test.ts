import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AnyRewardDefinition } from '../../core/define-reward.js'
import { runReward } from '../../core/run-reward.js'
import { bleuReward } from './bleu/reward.js'
import { bleu, nltkSentenceBleu, rouge, rougeTokenize, rougeTokens, wordTokenize } from './metrics/index.js'
import { rougeReward } from './rouge/reward.js'
import { satoriCaption } from './satori-caption/satori-caption.js'
import { werReward } from './wer/reward.js'
import { wordErrorRate } from './wer/wer.js'

// The rewards score through cached references and reused buffers; they must give exactly what the plain metric
// functions give on the same answer and references (including repeated and overlapping references).

const score = async (def: AnyRewardDefinition, response: string, reference: unknown, params = {}) =>
  (await runReward(def, def.params.parse(params), { response, reference }, { services: {} })).score

const sentence = fc
  .array(fc.constantFrom('the', 'The', 'cat', 'cats', 'sat', 'running', 'on', 'mat', 'a', '.', ',', '3', '-'), {
    minLength: 1,
    maxLength: 14,
  })
  .map((w) => w.join(' '))
const refs = fc.array(sentence, { minLength: 1, maxLength: 4 })

describe('rewards equal their plain metrics', () => {
  it('bleu', async () => {
    await fc.assert(
      fc.asyncProperty(
        sentence,
        refs,
        fc.boolean(),
        fc.integer({ min: 1, max: 5 }),
        async (p, r, lowercase, maxOrder) => {
          const v = await score(bleuReward, `<answer>${p}</answer>`, r, { lowercase, maxOrder })
          expect(v).toBe(bleu(p, r, { smooth: true, lowercase, maxOrder }))
        },
      ),
    )
  })
  it('rouge, every variant', async () => {
    await fc.assert(
      fc.asyncProperty(sentence, refs, fc.boolean(), async (p, r, stem) => {
        const f = (t: 'rouge1' | 'rouge2' | 'rougeL') => rouge(p, r, t, { stem }).fmeasure
        const at = (variant: string) => score(rougeReward, `<answer>${p}</answer>`, r, { variant, stem })
        expect(await at('rouge-1')).toBe(f('rouge1'))
        expect(await at('rouge-2')).toBe(f('rouge2'))
        expect(await at('rouge-l')).toBe(f('rougeL'))
        expect(await at('rouge-1-2-l-mean')).toBe((f('rouge1') + f('rouge2') + f('rougeL')) / 3)
      }),
    )
  })
})

describe('satori-caption equals nltk BLEU-4 and ROUGE-L on the plain token lists', () => {
  it('on arbitrary captions', () => {
    fc.assert(
      fc.property(sentence, sentence, (p, r) => {
        const bleu4 = nltkSentenceBleu([wordTokenize(r.toLowerCase())], wordTokenize(p.toLowerCase()))
        const rougeL = rougeTokens(rougeTokenize(p, true), rougeTokenize(r, true), 'rougeL').fmeasure
        expect(satoriCaption(p, r)).toEqual({ score: (bleu4 + rougeL) / 2, bleu4, rougeL })
      }),
    )
  })
})

describe('wer equals wordErrorRate against the closest reference', () => {
  it('on arbitrary lines', async () => {
    await fc.assert(
      fc.asyncProperty(sentence, refs, fc.boolean(), async (p, r, lowercase) => {
        const out = await runReward(
          werReward,
          werReward.params.parse({ lowercase }),
          { response: `<answer>${p}</answer>`, reference: r },
          { services: {} },
        )
        expect(out.components?.wer).toBe(Math.min(...r.map((x) => wordErrorRate(p, x, { lowercase }))))
      }),
    )
  })
})
