import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { collapsePadRuns, responseText } from './response-text.js'

const P = '<|im_start|>user\n<|vision_start|><|image_pad|><|vision_end|>Where?<|im_end|>\n<|im_start|>assistant\n'

describe('responseText', () => {
  it.each([
    // the plain case: the prompt is a prefix
    [`${P}42<|im_end|>`, P, '42'],
    // VLM: the query carries the processor-expanded pads, the prompt one
    [P.replace('<|image_pad|>', '<|image_pad|>'.repeat(300)) + 'A<|im_end|>', P, 'A'],
    // padding after the end token is removed too
    [`${P}A<|im_end|><|endoftext|><|endoftext|>`, P, 'A'],
    // grounding tokens are the answer and are kept
    [`${P}<|box_start|>(1,2),(3,4)<|box_end|><|im_end|>`, P, '<|box_start|>(1,2),(3,4)<|box_end|>'],
    // a prompt that differs (re-templated) falls back to the assistant marker
    [`<|im_start|>user\nother<|im_end|>\n<|im_start|>assistant\nB<|im_end|>`, P, 'B'],
    // no prompt: the whole query
    ['just text', undefined, 'just text'],
    ['', '', ''],
    // Llama 3 end of turn
    ['Qx<|eot_id|>', 'Q', 'x'],
  ])('%#: %j', (query, prompt, expected) => {
    expect(responseText(query, prompt)).toBe(expected)
  })

  it('collapses runs of pads (any length) to one, and only runs', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(3), (n, m) => {
        const pads = '<|image_pad|>'.repeat(n)
        const text = `a${pads}b${'<|video_pad|>'.repeat(m)}c`
        const out = collapsePadRuns(text)
        return out === `a${n > 0 ? '<|image_pad|>' : ''}b${m > 0 ? '<|video_pad|>' : ''}c`
      }),
    )
  })

  it('is linear on adversarial input', () => {
    const q = '<|image_pad|'.repeat(200_000)
    const t = performance.now()
    responseText(q, `${q}x`)
    expect(performance.now() - t).toBeLessThan(1000)
  })
})
