/**
 * The switch of the fast path: the CAS-free parse of common forms (`fast-latex.ts`), the memo of parsed answers
 * (`memo.ts`) and the extraction shortcuts (`extract.ts`, `normalize.ts`). Each is exact: with the switch off the
 * code runs as it did before them, which is what the property tests compare against.
 */

let enabled = true

/** Turns the fast path off (or back on), for tests and benchmarks that compare the two. */
export function setFastPath(on: boolean): void {
  enabled = on
}

/** Whether the fast path is on (the default). */
export function fastPathEnabled(): boolean {
  return enabled
}
