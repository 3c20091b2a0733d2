/**
 * Images stored once, by sha256, as files under `<root>/images/ab/<sha256>` (as Langfuse stores media): written
 * to a temporary name and renamed, so a crash never leaves a partial file under a real name.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'

export interface PreparedImage {
  sha256: string
  width: number | undefined
  height: number | undefined
  mime: string | undefined
  bytes: number
}

/** Images above this are refused (not stored): a bound on what one rollout can write. */
export const MAX_IMAGE_BYTES = 64 * 1024 * 1024

export class ImageFiles {
  readonly dir: string
  constructor(root: string) {
    this.dir = join(root, 'images')
  }

  pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256)
  }

  /** Hashes and writes the bytes (once per sha256); reads the size from the header when not given. */
  async put(
    bytes: Uint8Array,
    known: { width?: number | undefined; height?: number | undefined } = {},
  ): Promise<PreparedImage | undefined> {
    if (bytes.length === 0 || bytes.length > MAX_IMAGE_BYTES) return undefined
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const path = this.pathOf(sha256)
    let width = known.width
    let height = known.height
    let mime: string | undefined
    try {
      const meta = await sharp(bytes).metadata()
      width ??= meta.width
      height ??= meta.height
      mime = meta.format ? `image/${meta.format === 'jpeg' ? 'jpeg' : meta.format}` : undefined
    } catch {
      // not an image sharp reads: stored anyway (the policy saw these bytes), drawn without a size
    }
    if (!existsSync(path)) {
      mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true })
      const tmp = `${path}.${process.pid}.tmp`
      writeFileSync(tmp, bytes)
      renameSync(tmp, path)
    }
    return { sha256, width, height, mime, bytes: bytes.length }
  }
}

/** Bytes from a data URL or bare base64, else undefined. */
export function decodeImageData(data: string): Uint8Array | undefined {
  const comma = data.startsWith('data:') ? data.indexOf(',') : -1
  const b64 = comma >= 0 ? data.slice(comma + 1) : data
  if (b64.length === 0 || b64.length > MAX_IMAGE_BYTES * 1.4) return undefined
  const buf = Buffer.from(b64, 'base64')
  return buf.length > 0 ? buf : undefined
}
