/**
 * A one-line progress bar on stderr, drawn only on a terminal (the caller checks `isTTY`). Hand-rolled: it is
 * one `\r`-rewritten line, throttled to 10 redraws a second, which a library would not make simpler.
 */
import type { Writable } from 'node:stream'

export interface Progress {
  /** entries scored so far and how far into the input (`done` of `total` bytes or rows) */
  update(entries: number, done: number): void
  /** erases the line */
  clear(): void
}

const WIDTH = 24

export function createProgress(out: Writable, total: number, unit: 'bytes' | 'rows'): Progress {
  const started = performance.now()
  let last = 0
  let drawn = false
  return {
    update(entries, done) {
      const now = performance.now()
      if (now - last < 100) return
      last = now
      const frac = total > 0 ? Math.min(1, done / total) : 0
      const filled = Math.round(frac * WIDTH)
      const rate = entries / Math.max(1e-3, (now - started) / 1000)
      const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`
      const of = unit === 'rows' ? ` of ${total.toLocaleString('en-US')} rows` : ''
      out.write(
        `\r${bar} ${(frac * 100).toFixed(0).padStart(3)}%  ${entries.toLocaleString('en-US')} items${of}  ${Math.round(rate).toLocaleString('en-US')}/s\x1b[K`,
      )
      drawn = true
    },
    clear() {
      if (drawn) out.write('\r\x1b[K')
      drawn = false
    },
  }
}
