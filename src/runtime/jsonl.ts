/**
 * Cuts a JSONL byte stream into chunks of whole lines, in constant memory: only the current chunk and one
 * partial line are held. Lines are not decoded here (workers do that); this only finds newlines (memchr),
 * counts lines and entries (non-blank lines, the positions that become default ids) and drops lines longer than
 * `maxLineBytes`, leaving an empty line in their place and their number in `tooLong`.
 */
import type { ChunkInput } from './chunk.js'

export interface LineChunk {
  input: Extract<ChunkInput, { kind: 'lines' }>
  /** number of the chunk's first line, 1-based */
  firstLine: number
  /** position of its first entry in the whole input */
  firstIndex: number
  /** non-blank lines in the chunk */
  entries: number
  /** bytes of input consumed up to the end of this chunk */
  offset: number
}

export interface JsonlChunkOptions {
  /** target chunk size in bytes; default 256 KiB */
  chunkBytes?: number
  /** most entries in a chunk; default 2048 */
  chunkEntries?: number
  /** longest line accepted, in bytes; default 64 MiB */
  maxLineBytes?: number
}

const NL = 10
const NEWLINE = new Uint8Array([NL])

/** Only spaces, tabs and CR between `start` and `end` (the same rule as `isBlank` in chunk.ts). */
function isBlankBytes(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = b[i]
    if (c !== 32 && c !== 9 && c !== 13) return false
  }
  return true
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total)
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

export async function* jsonlChunks(
  source: AsyncIterable<Uint8Array | string>,
  { chunkBytes = 256 * 1024, chunkEntries = 2048, maxLineBytes = 64 * 1024 * 1024 }: JsonlChunkOptions = {},
): AsyncGenerator<LineChunk> {
  let parts: Uint8Array[] = []
  let partsBytes = 0
  let tooLong: { line: number; bytes: number }[] = []
  let firstLine = 1
  let firstIndex = 0
  let line = 1
  let index = 0
  let entries = 0
  let base = 0 // bytes of input before the current read
  // the partial line carried between reads; when it grows past the limit only its length is kept
  let carry: Uint8Array[] = []
  let carryBytes = 0
  let skipping = false

  const endLine = (blank: boolean) => {
    line++
    if (!blank) {
      index++
      entries++
    }
  }
  const dropLine = (bytes: number) => {
    tooLong.push({ line, bytes })
    parts.push(NEWLINE)
    partsBytes += 1
    endLine(false)
  }
  const emit = (offset: number): LineChunk => {
    const chunk: LineChunk = {
      input: { kind: 'lines', bytes: concat(parts, partsBytes), tooLong },
      firstLine,
      firstIndex,
      entries,
      offset,
    }
    parts = []
    partsBytes = 0
    tooLong = []
    firstLine = line
    firstIndex = index
    entries = 0
    return chunk
  }

  for await (const raw of source) {
    const buf = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw
    let pos = 0
    let seg = 0 // start of the bytes of `buf` not yet added to `parts`
    const flushSegment = () => {
      if (pos > seg) {
        parts.push(buf.subarray(seg, pos))
        partsBytes += pos - seg
      }
      seg = pos
    }
    while (pos < buf.length) {
      const nl = buf.indexOf(NL, pos)
      if (nl === -1) break
      if (skipping || carryBytes > 0) {
        const total = carryBytes + nl - pos
        if (skipping || total > maxLineBytes) dropLine(total)
        else {
          carry.push(buf.subarray(pos, nl + 1))
          const joined = concat(carry, carryBytes + nl + 1 - pos)
          parts.push(joined)
          partsBytes += joined.length
          endLine(isBlankBytes(joined, 0, joined.length - 1))
        }
        carry = []
        carryBytes = 0
        skipping = false
        pos = seg = nl + 1
      } else if (nl - pos > maxLineBytes) {
        flushSegment()
        dropLine(nl - pos)
        pos = seg = nl + 1
      } else {
        endLine(isBlankBytes(buf, pos, nl))
        pos = nl + 1
      }
      if (partsBytes + (pos - seg) >= chunkBytes || entries >= chunkEntries) {
        flushSegment()
        yield emit(base + pos)
      }
    }
    flushSegment()
    if (pos < buf.length) {
      carryBytes += buf.length - pos
      if (!skipping) carry.push(buf.subarray(pos))
      if (carryBytes > maxLineBytes) {
        skipping = true
        carry = []
      }
    }
    base += buf.length
  }
  if (skipping) dropLine(carryBytes)
  else if (carryBytes > 0) {
    const joined = concat(carry, carryBytes)
    parts.push(joined)
    partsBytes += joined.length
    endLine(isBlankBytes(joined, 0, joined.length))
  }
  if (partsBytes > 0) yield emit(base)
}
