/**
 * A content-addressed cache of judge replies in SQLite (better-sqlite3), with a small in-memory LRU in front:
 * the key is the sha256 of everything that decides a reply (model, messages with images by their sha256,
 * temperature, max tokens, logprobs, seed, stop), so re-scoring the same thing costs nothing, across runs.
 */
import { createHash } from 'node:crypto'
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

/** The cache key of a request: sha256 over its canonical JSON. */
export function cacheKey(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('base64url')
}

class Lru<V> {
  private readonly map = new Map<string, V>()
  private readonly max: number
  constructor(max: number) {
    this.max = max
  }
  get(k: string): V | undefined {
    const v = this.map.get(k)
    if (v !== undefined) {
      this.map.delete(k)
      this.map.set(k, v)
    }
    return v
  }
  set(k: string, v: V): void {
    this.map.delete(k)
    this.map.set(k, v)
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string)
  }
  get size(): number {
    return this.map.size
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
 * the hottest `memory` entries are also kept in memory.
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
  const lru = new Lru<CachedReply>(memory)
  return {
    get(key) {
      const hot = lru.get(key)
      if (hot) return hot
      const row = select.get(key)
      if (!row) return undefined
      const reply = JSON.parse(row.reply) as CachedReply
      lru.set(key, reply)
      return reply
    },
    set(key, reply) {
      lru.set(key, reply)
      insert.run(key, reply.model, JSON.stringify(reply), Date.now())
    },
    get size() {
      return count.get()?.n ?? 0
    },
    close: () => db.close(),
  }
}
