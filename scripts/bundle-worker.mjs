/**
 * Bundles the scoring pool's worker (dist/runtime/pool-worker.js and everything it imports: the rewards, zod,
 * yaml, the compute engine) into one file, dist/bundle/pool-worker.js, which the pool starts when it exists.
 * Why: a worker that loads ~450 ES modules one by one spends ≈0.45 s of CPU resolving, reading and linking them
 * before it scores anything; the bundle loads in ≈0.2 s. `sightline score` starts two such workers on a 2-core
 * machine for every run, so this is a large share of a 100k-item run. Run by `npm run build` after tsc.
 */
import { build } from 'esbuild'

await build({
  entryPoints: ['dist/runtime/pool-worker.js'],
  outfile: 'dist/bundle/pool-worker.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // CommonJS packages inside (yaml) require Node built-ins, which an ES module bundle must get from a real require
  banner: {
    js: "import { createRequire as sightlineCreateRequire } from 'node:module'; const require = sightlineCreateRequire(import.meta.url);",
  },
})
