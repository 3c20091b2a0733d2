/**
 * Images for the judge: an ImageRef (path, URL or data) read under the same allow-lists as the server's
 * `--allow-dir` / `--allow-url`, shrunk with sharp so its longest side is at most `maxSide`, and sent as a data
 * URL (a judge endpoint cannot read our files, and many cannot fetch URLs). Prepared images are memoised, so
 * re-scoring the same image costs a `stat`, and each carries the sha256 the cache keys on.
 */
import { createHash, hash } from 'node:crypto'
import { realpathSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { isAbsolute, relative, resolve } from 'node:path'
import sharp from 'sharp'
import type { ImageRef } from '../core/index.js'

export interface ImageAccess {
  /** directories image paths may point under (resolved, symlinks followed); none: paths refused */
  allowDirs?: readonly string[]
  /** hosts image URLs may point at (`example.com`, `localhost:8000`); none: http(s) URLs refused */
  allowUrlHosts?: readonly string[]
  /** longest side sent, px; larger images are shrunk (never enlarged). Default 1024 */
  maxSide?: number
  /** largest image read, bytes; default 32 MiB */
  maxBytes?: number
  /** URL fetch deadline, ms; default 15 000 */
  fetchTimeoutMs?: number
}

/** An image the judge cannot be shown (not allowed, missing, not an image): the item's problem, not the judge's. */
export class JudgeImageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'JudgeImageError'
  }
}

export interface PreparedImage {
  url: string
  sha256: string
}

const MEMO = 256

const inside = (root: string, p: string) => {
  const rel = relative(root, p)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/** Reads, checks and shrinks images; one per judge client. */
export class ImagePreparer {
  private readonly dirs: string[]
  private readonly hosts: string[]
  private readonly maxSide: number
  private readonly maxBytes: number
  private readonly fetchTimeoutMs: number
  private readonly memo = new Map<string, Promise<PreparedImage>>()
  private readonly dataKeys = new WeakMap<ImageRef, { data: string; key: string }>()
  constructor({
    allowDirs = [],
    allowUrlHosts = [],
    maxSide = 1024,
    maxBytes = 32 * 1024 * 1024,
    fetchTimeoutMs = 15_000,
  }: ImageAccess = {}) {
    this.dirs = allowDirs.map((d) => {
      try {
        return realpathSync.native(resolve(d))
      } catch {
        throw new JudgeImageError(`--allow-dir ${d} does not exist`)
      }
    })
    this.hosts = allowUrlHosts.map((h) => h.toLowerCase())
    this.maxSide = maxSide
    this.maxBytes = maxBytes
    this.fetchTimeoutMs = fetchTimeoutMs
  }

  /** The image as a data URL with its sha256; rejects with a JudgeImageError saying why it cannot be sent. */
  prepare(ref: ImageRef): Promise<PreparedImage> {
    let src: { key: string; read: () => Promise<Buffer> }
    try {
      src = this.source(ref)
    } catch (e) {
      return Promise.reject(e)
    }
    const { key, read } = src
    const hit = this.memo.get(key)
    if (hit) {
      this.memo.delete(key)
      this.memo.set(key, hit)
      return hit
    }
    const p = read().then((bytes) => this.encode(bytes))
    this.memo.set(key, p)
    p.catch(() => this.memo.delete(key))
    if (this.memo.size > MEMO) this.memo.delete(this.memo.keys().next().value as string)
    return p
  }

  private source(ref: ImageRef): { key: string; read: () => Promise<Buffer> } {
    const data = ref.data ?? (ref.url?.startsWith('data:') ? ref.url : undefined)
    if (data !== undefined) {
      const comma = data.startsWith('data:') ? data.indexOf(',') : -1
      const b64 = comma === -1 ? data : data.slice(comma + 1)
      return { key: this.dataKey(ref, data, b64), read: async () => this.checkSize(Buffer.from(b64, 'base64'), 'data') }
    }
    if (ref.path !== undefined) {
      const real = this.allowedPath(ref.path)
      let st: { mtimeMs: number; size: number }
      try {
        st = statSync(real)
      } catch {
        throw new JudgeImageError(`image path ${ref.path}: no such file`)
      }
      if (st.size > this.maxBytes)
        throw new JudgeImageError(`image path ${ref.path}: ${st.size} bytes, over ${this.maxBytes}`)
      return { key: `p:${real}:${st.mtimeMs}:${st.size}`, read: () => readFile(real) }
    }
    if (ref.url !== undefined) {
      const url = this.allowedUrl(ref.url)
      return { key: `u:${url.href}`, read: () => this.fetch(url) }
    }
    throw new JudgeImageError('the image has no path, url or data')
  }

  /**
   * The memo key of inline image data: the sha256 of its base64. Hashing 150 KB of base64 costs ~150 µs — twenty
   * times a whole cache hit — so the key is remembered per ImageRef object (weakly: nothing is kept alive), and an
   * item re-scored in this process with the same data string (`===` is a pointer compare then) skips the hash.
   */
  private dataKey(ref: ImageRef, data: string, b64: string): string {
    const seen = this.dataKeys.get(ref)
    if (seen !== undefined && seen.data === data) return seen.key
    const key = `d:${hash('sha256', b64, 'base64')}`
    this.dataKeys.set(ref, { data, key })
    return key
  }

  private allowedPath(path: string): string {
    if (this.dirs.length === 0) throw new JudgeImageError(`image path ${path}: refused, no --allow-dir was given`)
    const lexical = resolve(path)
    if (!this.dirs.some((d) => inside(d, lexical)))
      throw new JudgeImageError(`image path ${path}: not under an --allow-dir root`)
    let real: string
    try {
      real = realpathSync.native(lexical)
    } catch {
      throw new JudgeImageError(`image path ${path}: no such file`)
    }
    if (!this.dirs.some((d) => inside(d, real)))
      throw new JudgeImageError(`image path ${path}: a link leading outside --allow-dir`)
    return real
  }

  private allowedUrl(text: string): URL {
    let url: URL
    try {
      url = new URL(text)
    } catch {
      throw new JudgeImageError(`image url ${text.slice(0, 100)}: not a valid URL`)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new JudgeImageError(`image url: protocol ${url.protocol} refused`)
    if (!this.hosts.includes(url.host.toLowerCase()) && !this.hosts.includes(url.hostname.toLowerCase()))
      throw new JudgeImageError(`image url: host ${url.host} is not in --allow-url`)
    return url
  }

  private async fetch(url: URL): Promise<Buffer> {
    let res: Response
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(this.fetchTimeoutMs), redirect: 'error' })
    } catch (e) {
      throw new JudgeImageError(`image url ${url.href}: ${(e as Error).message}`)
    }
    if (!res.ok) throw new JudgeImageError(`image url ${url.href}: HTTP ${res.status}`)
    const length = Number(res.headers.get('content-length') ?? 0)
    if (length > this.maxBytes)
      throw new JudgeImageError(`image url ${url.href}: ${length} bytes, over ${this.maxBytes}`)
    return this.checkSize(Buffer.from(await res.arrayBuffer()), url.href)
  }

  private checkSize(bytes: Buffer, what: string): Buffer {
    if (bytes.length > this.maxBytes)
      throw new JudgeImageError(`image ${what}: ${bytes.length} bytes, over ${this.maxBytes}`)
    if (bytes.length === 0) throw new JudgeImageError(`image ${what}: empty`)
    return bytes
  }

  /** Shrinks to `maxSide` when larger (JPEG q90, PNG when it has alpha); small JPEG/PNG/WebP/GIF pass unchanged. */
  private async encode(bytes: Buffer): Promise<PreparedImage> {
    let out: Buffer = bytes
    let mime: string
    try {
      const img = sharp(bytes, { limitInputPixels: 268_402_689 })
      const meta = await img.metadata()
      const side = Math.max(meta.width ?? 0, meta.height ?? 0)
      const passthrough = ['jpeg', 'png', 'webp', 'gif'].includes(meta.format ?? '')
      if (side > this.maxSide || !passthrough) {
        const resized =
          side > this.maxSide ? img.rotate().resize(this.maxSide, this.maxSide, { fit: 'inside' }) : img.rotate()
        out = meta.hasAlpha ? await resized.png().toBuffer() : await resized.jpeg({ quality: 90 }).toBuffer()
        mime = meta.hasAlpha ? 'image/png' : 'image/jpeg'
      } else mime = `image/${meta.format}`
    } catch (e) {
      throw new JudgeImageError(`not a readable image: ${(e as Error).message}`)
    }
    return {
      url: `data:${mime};base64,${out.toString('base64')}`,
      sha256: createHash('sha256').update(out).digest('hex'),
    }
  }
}
