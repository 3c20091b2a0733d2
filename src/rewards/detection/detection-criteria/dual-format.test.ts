import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type ParsedPredictions, parsePredictions, stripFence } from '../shared/answer.js'
import { dualFormat, dualFormatOf } from './detection-criteria.js'

// Qwen-style lists, some with what the one-pass reader leaves to JSON.parse (other keys, 3 numbers, scalars)
const element = fc.oneof(
  fc
    .tuple(
      fc.array(fc.integer({ min: -5, max: 900 }), { minLength: 3, maxLength: 5 }),
      fc.constantFrom('cat', 'a"b', ''),
    )
    .map(([box, label]) => JSON.stringify({ bbox_2d: box, label })),
  fc.constantFrom('{"bbox_2d": [1, 2, 3, 4]}', '{"label": "x"}', '{}', '{"score": 1}', '7', '[1, 2, 3, 4]', 'null'),
)
const answer = fc.oneof(
  fc.array(element, { maxLength: 4 }).map((els) => `[${els.join(', ')}]`),
  fc.array(element, { maxLength: 3 }).map((els) => `\`\`\`json\n[${els.join(',')}]\n\`\`\``),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('{"bbox_2d": [1, 2, 3, 4], "label": "a"}', '[{"bbox_2d": [1, 2, 3, 4], "label": "a"', '42'),
)

describe('dualFormatOf', () => {
  it('equals dualFormat on the same text, in both modes, with and without instances', () => {
    let shortcut = 0
    fc.assert(
      fc.property(
        answer,
        fc.constantFrom(0, 2),
        fc.constantFrom('fixed' as const, 'faithful' as const),
        (a, n, mode) => {
          const text = a.trim()
          const parsed = parsePredictions(text, { scan: true }) as ParsedPredictions
          if (parsed.uniform) shortcut++
          return dualFormatOf(parsed, stripFence(text), n, mode) === dualFormat(stripFence(text), n, mode)
        },
      ),
      { numRuns: 2000 },
    )
    // the shortcut is exercised, not only the fallback
    expect(shortcut).toBeGreaterThan(200)
  })
})
