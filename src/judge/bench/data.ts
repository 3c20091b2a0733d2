/**
 * Pairwise judge-benchmark data: the VL-RewardBench shape `{id, query, image, response: [a, b],
 * human_ranking: [ra, rb], category}` (rank 0 = preferred; `image` a path, URL, data URL or a list) and the
 * Multimodal-RewardBench-2 shape `{id, prompt, images, response_A, response_B, better_response: "A"|"B", task}`.
 * Relative image paths are resolved against the data file's folder.
 */
import { isAbsolute, resolve } from 'node:path'
import type { ImageRef } from '../../core/index.js'

export interface BenchPair {
  id: string
  query: string
  images: ImageRef[]
  responses: [string, string]
  /** which response humans prefer; undefined: a tie (skipped in accuracy) */
  preferred: 0 | 1 | undefined
  category: string
}

export interface BenchDataProblem {
  line: number
  message: string
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined)

function imageRefs(v: unknown, base: string): ImageRef[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]
  const out: ImageRef[] = []
  for (const x of list) {
    if (typeof x === 'object' && x !== null) out.push(x as ImageRef)
    else if (typeof x !== 'string' || x === '') continue
    else if (x.startsWith('data:') || /^https?:\/\//.test(x)) out.push({ url: x })
    else out.push({ path: isAbsolute(x) ? x : resolve(base, x) })
  }
  return out
}

/** One JSONL line as a pair, or a message saying what is missing. */
export function toBenchPair(row: Record<string, unknown>, line: number, base: string): BenchPair | string {
  const id = str(row.id) ?? (typeof row.id === 'number' ? String(row.id) : `line-${line}`)
  const query = str(row.query) ?? str(row.prompt) ?? str(row.instruction) ?? str(row.question) ?? ''
  const images = imageRefs(row.image ?? row.images ?? row.image_path, base)
  const category = str(row.category) ?? str(row.task) ?? 'all'
  if (Array.isArray(row.response) && row.response.length === 2) {
    const [a, b] = row.response
    const rank = row.human_ranking
    if (typeof a !== 'string' || typeof b !== 'string') return 'response must be two strings'
    if (!Array.isArray(rank) || rank.length !== 2 || !rank.every((r) => typeof r === 'number'))
      return 'human_ranking must be two numbers (rank 0 = preferred)'
    const [ra, rb] = rank as [number, number]
    return { id, query, images, responses: [a, b], preferred: ra === rb ? undefined : ra < rb ? 0 : 1, category }
  }
  const a = str(row.response_A) ?? str(row.response_a) ?? str(row.responseA)
  const b = str(row.response_B) ?? str(row.response_b) ?? str(row.responseB)
  if (a === undefined || b === undefined)
    return 'expected response: [a, b] (VL-RewardBench) or response_A/response_B (MMRB2)'
  const better = (str(row.better_response) ?? str(row.label) ?? str(row.chosen) ?? str(row.preference))
    ?.trim()
    .toUpperCase()
  if (better !== 'A' && better !== 'B' && better !== 'TIE') return 'better_response must be "A", "B" or "tie"'
  return {
    id,
    query,
    images,
    responses: [a, b],
    preferred: better === 'A' ? 0 : better === 'B' ? 1 : undefined,
    category,
  }
}

/** Parses a JSONL file's text; bad lines are reported with their numbers, never silently dropped. */
export function parseBenchData(text: string, base: string): { pairs: BenchPair[]; problems: BenchDataProblem[] } {
  const pairs: BenchPair[] = []
  const problems: BenchDataProblem[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const t = (lines[i] as string).trim()
    if (t === '') continue
    let row: unknown
    try {
      row = JSON.parse(t)
    } catch (e) {
      problems.push({ line: i + 1, message: `not JSON: ${(e as Error).message}` })
      continue
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      problems.push({ line: i + 1, message: 'not a JSON object' })
      continue
    }
    const p = toBenchPair(row as Record<string, unknown>, i + 1, base)
    if (typeof p === 'string') problems.push({ line: i + 1, message: p })
    else pairs.push(p)
  }
  return { pairs, problems }
}
