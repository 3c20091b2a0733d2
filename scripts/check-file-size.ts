/** Warns on source files over 400 lines and fails over 800 (tests and fixtures exempt): no god files. */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const WARN = 400
const FAIL = 800

function* walk(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', 'fixtures'].includes(e.name)) continue
    const p = join(dir, e.name)
    if (e.isDirectory()) yield* walk(p)
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) yield p
  }
}

let failed = false
for (const root of ['src', 'web/src', 'scripts', 'bench']) {
  let files: string[]
  try {
    files = [...walk(root)]
  } catch {
    continue
  }
  for (const f of files) {
    const lines = readFileSync(f, 'utf8').split('\n').length
    if (lines > FAIL) {
      console.error(`${f}: ${lines} lines (limit ${FAIL}); split it by responsibility`)
      failed = true
    } else if (lines > WARN) console.warn(`${f}: ${lines} lines (over ${WARN}; consider splitting)`)
  }
}
if (failed) process.exit(1)
console.log('file sizes: ok')
