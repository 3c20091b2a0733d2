/**
 * Fails when a layer imports one it must not. Layers are the top-level folders of src/ (and web/); the table
 * below is the whole policy. Run by `npm run lint`.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'

interface LayerRule {
  /** layers it may import (itself always allowed) */
  may: readonly string[]
  /** whether node:* built-ins are allowed */
  node: boolean
  /** files of other layers it may import types from (`import type` / `export type` only: erased at build) */
  typesFrom?: readonly string[]
}

const RULES: Record<string, LayerRule> = {
  core: { may: [], node: false },
  rewards: { may: ['core'], node: false },
  spec: { may: ['core', 'rewards'], node: false },
  advantages: { may: ['core'], node: false },
  runtime: { may: ['core', 'rewards', 'spec'], node: true },
  judge: { may: ['core', 'rewards', 'runtime'], node: true },
  store: { may: ['core', 'rewards', 'spec', 'runtime', 'advantages'], node: true },
  server: { may: ['core', 'rewards', 'spec', 'runtime', 'judge', 'store', 'advantages'], node: true },
  cli: { may: ['core', 'rewards', 'spec', 'runtime', 'judge', 'store', 'server', 'advantages'], node: true },
  web: { may: ['core'], node: false, typesFrom: ['src/store/types.ts'] },
}
/** Files at the root of src/ (the package entry points) may import any layer. */
const ROOT = resolve('src')

const IMPORT = /(?:^|\n)\s*((?:import|export)\s[^'"]*?)from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

function* walk(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue
    const p = join(dir, e.name)
    if (e.isDirectory()) yield* walk(p)
    else if (/\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) yield p
  }
}

function layerOf(file: string): string | undefined {
  const rel = relative(ROOT, file)
  if (!rel.startsWith('..')) return rel.includes(sep) ? rel.split(sep)[0] : undefined
  const webRel = relative(resolve('web/src'), file)
  return webRel.startsWith('..') ? undefined : 'web'
}

const problems: string[] = []
const roots = ['src', 'web/src'].filter((d) => {
  try {
    return readdirSync(d) !== undefined
  } catch {
    return false
  }
})
for (const root of roots) {
  for (const file of walk(root)) {
    const layer = layerOf(resolve(file))
    if (!layer) continue
    const rule = RULES[layer]
    if (!rule) {
      problems.push(`${file}: layer "${layer}" has no rule in scripts/check-boundaries.ts`)
      continue
    }
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[2] ?? m[3] ?? ''
      const typeOnly = /^(?:import|export)\s+type\s/.test(m[1] ?? '')
      if (spec.startsWith('node:')) {
        if (!rule.node) problems.push(`${file}: layer "${layer}" must not import ${spec}`)
        continue
      }
      if (!spec.startsWith('.')) continue
      const targetFile = resolve(file, '..', spec)
      const target = layerOf(targetFile)
      const typesOk = typeOnly && rule.typesFrom?.some((f) => resolve(f) === targetFile.replace(/\.js$/, '.ts'))
      if (target && target !== layer && !rule.may.includes(target) && !typesOk)
        problems.push(`${file}: layer "${layer}" must not import layer "${target}" (${spec})`)
    }
  }
}
if (problems.length) {
  console.error(`layer boundaries broken:\n${problems.join('\n')}`)
  process.exit(1)
}
console.log('layer boundaries: ok')
