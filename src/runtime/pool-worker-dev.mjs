// Boots the TypeScript worker when Sightline runs from its sources (vitest, tsx): Node 20 does not run
// `--import` hooks in worker threads, so the worker registers tsx's loader itself. Built code uses pool-worker.js.
import { register } from 'tsx/esm/api'

register()
export const { scoreTask } = await import('./pool-worker.ts')
