import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'

const dir = mkdtempSync(join(tmpdir(), 'sightline-crash-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs the ingesting child until it has reported `commits` commits (plus a random delay), then SIGKILLs it. */
function ingestThenKill(db: string, batch: number, commits: number, delayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'crash-child.ts'), db, String(batch)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let last = 0
    let seen = 0
    let err = ''
    child.stderr.on('data', (d) => {
      err += d
    })
    child.stdout.on('data', (d: Buffer) => {
      for (const m of d.toString().matchAll(/committed (\d+)/g)) {
        last = Number(m[1])
        if (++seen === commits) setTimeout(() => child.kill('SIGKILL'), delayMs)
      }
    })
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(last) : reject(new Error(`child exited early: ${err}`)),
    )
  })
}

describe('crash safety', () => {
  it.each([0, 3, 17])(
    'kill -9 mid-ingest (after %d ms) loses no committed batch and leaves no partial one',
    async (delay) => {
      const path = join(dir, `crash-${delay}.db`)
      const batch = 500
      const reported = await ingestThenKill(path, batch, 3, delay)
      const db = new Database(path)
      try {
        const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n
        const rollouts = n('SELECT count(*) AS n FROM rollouts')
        expect(rollouts).toBeGreaterThanOrEqual(reported) // every reported commit is there
        expect(rollouts % batch).toBe(0) // and no batch is half there
        expect(n('SELECT count(*) AS n FROM components')).toBe(2 * rollouts)
        expect(n('SELECT coalesce(sum(n), 0) AS n FROM groups')).toBe(rollouts)
        expect(n("SELECT coalesce(sum(n), 0) AS n FROM step_stats WHERE metric = 'score'")).toBe(rollouts)
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      } finally {
        db.close()
      }
    },
  )
})
