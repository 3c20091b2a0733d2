// The rollout store: the repository interface, its SQLite implementation, importers, detectors and the demo run.

export { buildDemo, DEMO_RUN, demoSpecText } from './demo/index.js'
export { type DetectorId, ROLLOUT_DETECTORS, rolloutFlags } from './detectors/rollout.js'
export { componentCollapse, lengthCorrelationDrift } from './detectors/step.js'
export {
  detectImportFormat,
  IMPORT_FORMATS,
  type ImportBatch,
  type ImportFormat,
  type ImportProblem,
  readImport,
} from './importers/index.js'
export { MIGRATIONS, migrate } from './migrations.js'
export { DEFAULT_OVERLAY, type OverlayConfig, overlayConfig, predictedShapes, referenceShapes } from './overlay.js'
export { type RescoreOptions, rescoreRun, rescoresOf } from './rescore.js'
export { type OpenStoreOptions, openStore, SqliteStore } from './sqlite-store.js'
export type {
  Dashboard,
  DashboardSeries,
  FindingInfo,
  GroupView,
  IngestImage,
  IngestReport,
  IngestRollout,
  OverlayShapes,
  Page,
  PromptHistoryEntry,
  RescoreSummary,
  RolloutDetail,
  RolloutFilter,
  RolloutRow,
  RolloutStore,
  RunInfo,
  RunInput,
  StepMoment,
  StoredImage,
} from './types.js'
