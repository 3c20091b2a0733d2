/**
 * `sightline import` sources: verl rollout dumps, TRL completion Parquet and Sightline's scored JSONL, each read
 * as batches of rollouts that the store ingests one transaction at a time.
 */
import { readdir, stat } from 'node:fs/promises'
import type { ImportBatch } from './common.js'
import { readScoredJsonl } from './scored-jsonl.js'
import { readTrl, trlFiles } from './trl.js'
import { readVerl, verlFiles } from './verl.js'

export type { ImportBatch, ImportProblem } from './common.js'
export { scoredRollout } from './scored-jsonl.js'
export { trlRollout } from './trl.js'
export { verlRollout } from './verl.js'

export const IMPORT_FORMATS = ['verl', 'trl', 'jsonl'] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

/** The format of `path` when not named: a folder or file of `.parquet` is TRL; `<step>.jsonl` files are verl. */
export async function detectImportFormat(path: string): Promise<ImportFormat> {
  const s = await stat(path)
  if (s.isDirectory()) {
    const names = await readdir(path)
    return names.some((n) => n.endsWith('.parquet')) ? 'trl' : 'verl'
  }
  if (path.endsWith('.parquet')) return 'trl'
  return /(^|\/)\d+\.jsonl(\.gz)?$/.test(path) ? 'verl' : 'jsonl'
}

/** The batches of an input in the given (or detected) format. */
export async function readImport(
  path: string,
  format: ImportFormat,
  batchSize = 1000,
): Promise<AsyncGenerator<ImportBatch>> {
  const isDir = (await stat(path)).isDirectory()
  if (format === 'verl') return readVerl(await verlFiles(path, isDir), batchSize)
  if (format === 'trl') return readTrl(await trlFiles(path, isDir), batchSize)
  if (isDir) throw new Error(`${path} is a folder; the jsonl format reads one file`)
  return readScoredJsonl(path, batchSize)
}
