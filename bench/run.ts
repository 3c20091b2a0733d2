/** `npm run bench [suite ...]`: runs every suite in bench/suites (or those named) and prints one table. */
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

const rows: (BenchResult & { suite: string })[] = []
for (const file of files) {
  const { suite } = (await import(pathToFileURL(join(dir, file)).href)) as { suite: BenchSuite }
  process.stderr.write(`running ${suite.name}…\n`)
  for (const r of await suite.run()) rows.push({ ...r, suite: suite.name })
}

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
