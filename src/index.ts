// Core: the data model, reward definitions, the registry and reasons.
export * from './core/index.js'
// Rewards: the built-in packs and the default registry.
export { builtinPacks, defaultRegistry } from './rewards/packs.js'
