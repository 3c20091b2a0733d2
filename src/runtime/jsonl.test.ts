import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isBlank } from './chunk.js'
import { jsonlChunks, type LineChunk } from './jsonl.js'

const enc = new TextEncoder()
const dec = new TextDecoder()

async function collect(pieces: readonly Uint8Array[], options = {}): Promise<LineChunk[]> {
  const out: LineChunk[] = []
  for await (const c of jsonlChunks(
    (async function* () {
      yield* pieces
    })(),
    options,
  ))
    out.push(c)
  return out
}

/** Cuts bytes at the given fractions. */
function split(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => Math.floor(c * bytes.length)))].sort((a, b) => a - b)
  const pieces: Uint8Array[] = []
  let prev = 0
  for (const p of [...at, bytes.length]) {
    if (p > prev) pieces.push(bytes.subarray(prev, p))
    prev = p
  }
  return pieces
}

describe('jsonlChunks', () => {
  it('keeps every line, in order, whatever the read boundaries and chunk sizes', async () => {
    const line = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', ' ', '\t\r', '{"response":"é✓"}'))
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          line.map((s) => s.replaceAll('\n', ' ')),
          { maxLength: 60 },
        ),
        fc.boolean(),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 8, max: 30 }),
        async (lines, trailing, cuts, chunkBytes, chunkEntries, maxLineBytes) => {
          const text = lines.join('\n') + (trailing && lines.length > 0 ? '\n' : '')
          const bytes = enc.encode(text)
          const chunks = await collect(split(bytes, cuts), { chunkBytes, chunkEntries, maxLineBytes })
          // the chunks' lines, with cut lines restored as empty, equal the input's lines
          const expected = (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n')
          const got: string[] = []
          let nextLine = 1
          let nextIndex = 0
          for (const c of chunks) {
            expect(c.firstLine).toBe(nextLine)
            expect(c.firstIndex).toBe(nextIndex)
            const body = dec.decode(c.input.bytes)
            const ls = (body.endsWith('\n') ? body.slice(0, -1) : body).split('\n')
            const cut = new Set(c.input.tooLong.map((t) => t.line))
            for (const [k, l] of ls.entries()) got.push(cut.has(c.firstLine + k) ? '<cut>' : l)
            nextLine += ls.length
            nextIndex += c.entries
            expect(c.entries).toBe(ls.filter((l, k) => cut.has(c.firstLine + k) || !isBlank(l)).length)
          }
          if (text.length === 0) {
            expect(chunks).toEqual([])
            return
          }
          expect(got).toEqual(expected.map((l) => (enc.encode(l).length > maxLineBytes ? '<cut>' : l)))
          expect(chunks.at(-1)?.offset).toBe(bytes.length)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('reports a line over the limit with its size and goes on with the next', async () => {
    const long = 'x'.repeat(100)
    const chunks = await collect([enc.encode(`{"a":1}\n${long}`), enc.encode(`${long}\n{"b":2}\n`)], {
      maxLineBytes: 50,
    })
    expect(chunks.flatMap((c) => c.input.tooLong)).toEqual([{ line: 2, bytes: 200 }])
    expect(chunks.reduce((n, c) => n + c.entries, 0)).toBe(3)
  })
})
