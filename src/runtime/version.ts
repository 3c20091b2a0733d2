import { createRequire } from 'node:module'

/** The package's version, from package.json (two folders up from src/runtime and from dist/runtime alike): the CLI's --version and provenance, the server's OpenAPI document. */
export const sightlineVersion = (): string =>
  (createRequire(import.meta.url)('../../package.json') as { version: string }).version
