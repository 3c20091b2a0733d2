import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { stripFence } from './answer.js'

/** The definition `stripFence` must keep: the opener is the last ``` before the last ``` (found backwards). */
function stripFenceByLastIndexOf(text: string): string {
  const open = text.lastIndexOf('```')
  if (open < 0) return text.trim()
  const prev = open > 0 ? text.lastIndexOf('```', open - 1) : -1
  const [start, end] = prev >= 0 ? [prev + 3, open] : [open + 3, text.length]
  let body = text.slice(start, end)
  if (body.startsWith('json')) body = body.slice(4)
  return body.trim()
}

describe('stripFence', () => {
  it('finds the same block as a backwards search, with any number of fences and runs of backticks', () => {
    const piece = fc.constantFrom('```', '````', '`', '``', 'json', '\n', ' ', '[1]', 'x', '```json\n')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join('')
        return stripFence(text) === stripFenceByLastIndexOf(text)
      }),
      { numRuns: 5000 },
    )
  })

  it('takes the last fenced block', () => {
    expect(stripFence('```json\n[1]\n```')).toBe('[1]')
    expect(stripFence('a ```x``` b ```json\n[2]\n``` c')).toBe('[2]')
    expect(stripFence('````x```')).toBe('x')
    expect(stripFence('x ```json\n[3]')).toBe('[3]')
  })

  it('a fence left open takes the rest of the text, wherever it starts (a truncated output often opens with it)', () => {
    expect(stripFence('```json\n[{"bbox_2d": [1, 2, 3, 4]}')).toBe('[{"bbox_2d": [1, 2, 3, 4]}')
    expect(stripFence('```\n[4]')).toBe('[4]')
    expect(stripFence(' ```json\n[4]')).toBe('[4]')
  })
})
