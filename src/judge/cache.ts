/**
 * A content-addressed cache of judge replies in SQLite (better-sqlite3), with a small in-memory LRU in front:
 * the key is the sha256 of everything that decides a reply (model, messages with images by their sha256,
 * temperature, max tokens, logprobs, seed, stop), so re-scoring the same thing costs nothing, across runs.
 */
import { hash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { JudgeReply } from '../core/judge.js'

export type CachedReply = Omit<JudgeReply, 'latencyMs' | 'cached'>

export interface ReplyCache {
  get(key: string): CachedReply | undefined
  set(key: string, reply: CachedReply): void
  readonly size: number
  close(): void
}

/**
 * The cache key of a request: sha256 over its canonical JSON (one-shot `crypto.hash`, no Hash object per key).
 * @example cacheKey(['m', ['user', 'Is it a cat?'], 0]).length //= 43
 */
export function cacheKey(request: unknown): string {
  return hash('sha256', JSON.stringify(request), 'base64url')
}

/**
 * A nearly-LRU map of at most `max` entries in two generations (the hashlru scheme): writes go to the young map;
 * when it holds half of `max`, it becomes the old one and the previous old one is dropped; a hit in the old map
 * moves the entry to the young one. A hit on a recent entry is one Map lookup — no delete and re-insert per hit
 * as an exact LRU on a Map needs, which was a fifth of the cost of a cache hit. What is evicted is what was not
 * touched during the last `max/2`–`max` writes.
 */
export class Lru<V> {
  private young = new Map<string, V>()
  private old = new Map<string, V>()
  private readonly half: number
  constructor(max: number) {
    if (!(Number.isInteger(max) && max >= 1)) throw new RangeError(`LRU size must be a whole number ≥ 1, got ${max}`)
    this.half = Math.ceil(max / 2)
  }
  get(k: string): V | undefined {
    const v = this.young.get(k)
    if (v !== undefined) return v
    const aged = this.old.get(k)
    if (aged !== undefined) {
      this.old.delete(k)
      this.put(k, aged)
    }
    return aged
  }
  set(k: string, v: V): void {
    if (this.young.has(k)) this.young.set(k, v)
    else {
      this.old.delete(k)
      this.put(k, v)
    }
  }
  private put(k: string, v: V): void {
    this.young.set(k, v)
    if (this.young.size >= this.half) {
      this.old = this.young
      this.young = new Map()
    }
  }
  get size(): number {
    return this.young.size + this.old.size
  }
}

/** A cache in memory only (no `--judge-cache` path): lives as long as the process. */
export function memoryCache(max = 100_000): ReplyCache {
  const lru = new Lru<CachedReply>(max)
  return {
    get: (k) => lru.get(k),
    set: (k, v) => lru.set(k, v),
    get size() {
      return lru.size
    },
    close() {},
  }
}

/**
 * A cache in the SQLite file at `path` (created with its folder), WAL mode so several processes can share it;
 * the hottest `memory` entries (0: none) are also kept in memory.
 */
export function sqliteCache(path: string, { memory = 10_000 }: { memory?: number } = {}): ReplyCache {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec(`CREATE TABLE IF NOT EXISTS judge_replies (
    key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    reply TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) WITHOUT ROWID`)
  const select = db.prepare<[string], { reply: string }>('SELECT reply FROM judge_replies WHERE key = ?')
  const insert = db.prepare('INSERT OR REPLACE INTO judge_replies (key, model, reply, created_at) VALUES (?, ?, ?, ?)')
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM judge_replies')
  const lru = memory > 0 ? new Lru<CachedReply>(memory) : undefined
  return {
    get(key) {
      const hot = lru?.get(key)
      if (hot) return hot
      const row = select.get(key)
      if (!row) return undefined
      const reply = JSON.parse(row.reply) as CachedReply
      lru?.set(key, reply)
      return reply
    },
    set(key, reply) {
      lru?.set(key, reply)
      insert.run(key, reply.model, JSON.stringify(reply), Date.now())
    },
    get size() {
      return count.get()?.n ?? 0
    },
    close: () => db.close(),
  }
}
