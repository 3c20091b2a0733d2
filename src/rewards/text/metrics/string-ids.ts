/**
 * Strings to dense ids (0, 1, 2, … in first-seen order) in an open-addressing table that can be probed with a span
 * of a larger string, so a tokenizer's tokens are looked up without being sliced out: no string per token and no
 * `Map.get` (hashing a fresh slice and comparing it was the largest cost left in matching a BLEU, ROUGE or SATORI
 * prediction against its cached references). Checked against a `Map` in string-ids.test.ts.
 */
export class StringIds {
  private keys: string[] = []
  private hashes: number[] = []
  /** id + 1 per slot, 0 when empty; at most half full */
  private slots = new Int32Array(1024)
  private mask = 1023

  get size(): number {
    return this.keys.length
  }

  /** The string with this id. */
  key(id: number): string {
    return this.keys[id] as string
  }

  /** The id of `text.slice(start, end)`, or −1 when it has none. */
  find(text: string, start: number, end: number): number {
    const h = hashSpan(text, start, end)
    const slots = this.slots
    const mask = this.mask
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const id = (slots[i] as number) - 1
      if (id < 0) return -1
      if (this.hashes[id] === h && equalsSpan(this.keys[id] as string, text, start, end)) return id
    }
  }

  /** The id of `s`, given it if it has none. */
  add(s: string): number {
    const h = hashSpan(s, 0, s.length)
    const slots = this.slots
    const mask = this.mask
    let i = h & mask
    for (; ; i = (i + 1) & mask) {
      const id = (slots[i] as number) - 1
      if (id < 0) break
      if (this.hashes[id] === h && this.keys[id] === s) return id
    }
    const id = this.keys.length
    this.keys.push(s)
    this.hashes.push(h)
    slots[i] = id + 1
    if (2 * this.keys.length > mask) this.grow()
    return id
  }

  clear(): void {
    this.keys = []
    this.hashes = []
    this.slots = new Int32Array(1024)
    this.mask = 1023
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2)
    const mask = slots.length - 1
    for (let id = 0; id < this.keys.length; id++) {
      let i = (this.hashes[id] as number) & mask
      while (slots[i] !== 0) i = (i + 1) & mask
      slots[i] = id + 1
    }
    this.slots = slots
    this.mask = mask
  }
}

/** FNV-1a over UTF-16 code units, then a final mix so that the low bits (the slot) depend on every unit. */
function hashSpan(text: string, start: number, end: number): number {
  let h = 0x811c9dc5
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  h ^= h >>> 15
  h = Math.imul(h, 0x2c1b3c6d)
  return (h ^ (h >>> 12)) & 0x7fffffff
}

function equalsSpan(key: string, text: string, start: number, end: number): boolean {
  if (key.length !== end - start) return false
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) !== text.charCodeAt(start + i)) return false
  return true
}
