/**
 * `npm run bench [suite ...]`: runs every suite in bench/suites (or those named) and prints one table. With more
 * than one suite, each runs in a process of its own: in one process a suite inherits the heap and the JIT state of
 * those before it (the store suite's million rollouts, call sites made polymorphic by other suites' data), which
 * measured the text rewards at a third of their speed alone.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { type BenchResult, type BenchSuite, meets } from './harness.js'

const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'suites')
const wanted = process.argv.slice(2)
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .filter((f) => wanted.length === 0 || wanted.includes(basename(f, '.ts')))
  .sort()

type Row = BenchResult & { suite: string }
const ROWS_MARK = 'sightline-bench-rows:'

async function runHere(file: string): Promise<Row[]> {
  const { suite } = (await import(pathToFileURL(join(dir, file)).href)) as { suite: BenchSuite }
  process.stderr.write(`running ${suite.name}…\n`)
  return (await suite.run()).map((r) => ({ ...r, suite: suite.name }))
}

/** One suite in a fresh process (this script, same loader flags), its rows back as JSON on a marked line. */
function runApart(file: string): Row[] {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--rows', file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  })
  const line = child.stdout.split('\n').find((l) => l.startsWith(ROWS_MARK))
  if (child.status !== 0 || !line) throw new Error(`bench suite ${file} failed (exit ${child.status})`)
  return JSON.parse(line.slice(ROWS_MARK.length)) as Row[]
}

if (wanted[0] === '--rows') {
  console.log(`${ROWS_MARK}${JSON.stringify(await runHere(wanted[1] as string))}`)
  process.exit(0)
}

const rows: Row[] = []
for (const file of files) rows.push(...(files.length > 1 ? runApart(file) : await runHere(file)))

const fmt = (v: number) =>
  Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(3).replace(/\.?0+$/, '')
const table = rows.map((r) => {
  const ok = meets(r.value, r.target)
  return [
    r.suite,
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    r.target ?? '',
    ok === undefined ? '' : ok ? 'yes' : 'NO',
    r.note ?? '',
  ]
})
const head = ['suite', 'case', 'value', 'target', 'met', 'note']
const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] ?? '').length)))
const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`
console.log(line(head))
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
for (const row of table) console.log(line(row))
