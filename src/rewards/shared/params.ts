import { z } from 'zod'

/**
 * `fixed` (default) or `faithful` to a paper's code where that code has a known quirk; each reward documents
 * the difference in its JSDoc.
 */
export const modeParam = z
  .enum(['fixed', 'faithful'])
  .default('fixed')
  .describe('"fixed" (default) or "faithful" to the reference code, known quirks included')
export type Mode = z.infer<typeof modeParam>
