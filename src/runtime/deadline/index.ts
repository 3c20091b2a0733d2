export { createMathPool, type MathPool, type MathPoolOptions, type MathTask } from './math-pool.js'
export { type TaskOutcome, TerminablePool, type TerminablePoolOptions } from './terminable-pool.js'
