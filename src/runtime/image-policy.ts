/**
 * Which images a request may point at: local paths only under the `--allow-dir` roots (after resolving `..` and
 * symlinks), URLs only for the `--allow-url` hosts. Anything else is refused before scoring, with its JSON path.
 * The server checks it, and so do its workers on items it hands them unparsed (ChunkInput `json-bytes`).
 */
import { realpathSync } from 'node:fs'
import { isAbsolute, relative, resolve } from 'node:path'
import type { ConfigIssue, ImageRef } from '../core/index.js'

export interface ImagePolicy {
  /** absolute, real directories */
  readonly allowDirs: readonly string[]
  /** lower-case host names (`example.com`, `localhost:8000` with a port) */
  readonly allowUrlHosts: readonly string[]
}

/** Builds the policy at setup; a root that does not exist is a configuration error, thrown now. */
export function imagePolicy(allowDirs: readonly string[] = [], allowUrlHosts: readonly string[] = []): ImagePolicy {
  return {
    allowDirs: allowDirs.map((d) => realpathSync.native(resolve(d))),
    allowUrlHosts: allowUrlHosts.map((h) => h.toLowerCase()),
  }
}

const inside = (root: string, p: string) => {
  const rel = relative(root, p)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

function checkPath(path: string, policy: ImagePolicy): string | undefined {
  if (policy.allowDirs.length === 0) return 'image paths are refused: the server was started without --allow-dir'
  const lexical = resolve(path)
  if (!policy.allowDirs.some((d) => inside(d, lexical))) return `not under an --allow-dir root`
  let real: string
  try {
    real = realpathSync.native(lexical)
  } catch {
    return 'no such file'
  }
  return policy.allowDirs.some((d) => inside(d, real)) ? undefined : 'a link that leads outside the --allow-dir roots'
}

function checkUrl(url: string, policy: ImagePolicy): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'not a valid URL'
  }
  if (parsed.protocol === 'data:') return undefined
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `protocol ${parsed.protocol} is refused`
  if (!policy.allowUrlHosts.includes(parsed.host.toLowerCase()) && !policy.allowUrlHosts.includes(parsed.hostname))
    return `host ${parsed.host} is not in --allow-url`
  return undefined
}

/** Issues for every image path or URL the policy refuses; empty when all are allowed. */
export function imageIssues(
  items: readonly { images?: readonly ImageRef[] | undefined }[],
  policy: ImagePolicy,
  at = 'items',
): ConfigIssue[] {
  const issues: ConfigIssue[] = []
  for (let i = 0; i < items.length; i++) {
    const images = items[i]?.images
    if (!images) continue
    for (let j = 0; j < images.length; j++) {
      const img = images[j] as ImageRef
      const pathProblem = img.path === undefined ? undefined : checkPath(img.path, policy)
      if (pathProblem) issues.push({ path: `${at}[${i}].images[${j}].path`, message: pathProblem })
      const urlProblem = img.url === undefined ? undefined : checkUrl(img.url, policy)
      if (urlProblem) issues.push({ path: `${at}[${i}].images[${j}].url`, message: urlProblem })
    }
  }
  return issues
}
