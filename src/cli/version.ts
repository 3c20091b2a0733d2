import { createRequire } from 'node:module'

/** The package's version, from package.json (two folders up from src/cli and from dist/cli alike). */
export const sightlineVersion = (): string =>
  (createRequire(import.meta.url)('../../package.json') as { version: string }).version
