export { type GroupStats, groupStats, grpoAdvantages } from './grpo.js'
