/**
 * The schema, as numbered migrations applied in order inside one transaction each; `PRAGMA user_version` records
 * the last one applied. Written in the SQL that SQLite and PostgreSQL share where it costs nothing (no
 * AUTOINCREMENT, JSON kept as TEXT), so a Postgres store can start from the same list.
 */
import type Database from 'better-sqlite3'

export const MIGRATIONS: readonly string[] = [
  // 1: runs, prompts, groups, rollouts, components, images, step aggregates, findings, re-scores
  `
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    created_at TEXT NOT NULL,
    spec_text TEXT,
    component_keys TEXT NOT NULL DEFAULT '[]',
    meta TEXT
  );
  CREATE TABLE images (
    sha256 TEXT PRIMARY KEY,
    width INTEGER,
    height INTEGER,
    mime TEXT,
    bytes INTEGER NOT NULL
  );
  CREATE TABLE prompts (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    key TEXT NOT NULL,
    task TEXT,
    prompt TEXT,
    reference TEXT,
    images TEXT NOT NULL DEFAULT '[]',
    meta TEXT,
    UNIQUE (run_id, key)
  );
  CREATE TABLE groups (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    step INTEGER NOT NULL,
    uid TEXT NOT NULL,
    prompt_id INTEGER NOT NULL REFERENCES prompts(id),
    n INTEGER NOT NULL DEFAULT 0,
    sum REAL NOT NULL DEFAULT 0,
    sumsq REAL NOT NULL DEFAULT 0,
    min REAL,
    max REAL,
    UNIQUE (run_id, step, uid)
  );
  CREATE INDEX groups_prompt ON groups (prompt_id, step);
  CREATE TABLE rollouts (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL,
    group_id INTEGER NOT NULL,
    prompt_id INTEGER NOT NULL,
    step INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    ext_id TEXT,
    task TEXT,
    response TEXT NOT NULL,
    score REAL NOT NULL,
    valid INTEGER NOT NULL,
    reason_code TEXT,
    reason TEXT,
    length INTEGER NOT NULL,
    truncated INTEGER NOT NULL,
    judge_cost REAL NOT NULL DEFAULT 0,
    trainer_advantage REAL,
    meta TEXT
  );
  CREATE INDEX rollouts_run_step ON rollouts (run_id, step);
  CREATE INDEX rollouts_group ON rollouts (group_id);
  CREATE TABLE components (
    rollout_id INTEGER NOT NULL,
    key TEXT NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (rollout_id, key)
  ) WITHOUT ROWID;
  CREATE TABLE step_stats (
    run_id INTEGER NOT NULL,
    step INTEGER NOT NULL,
    metric TEXT NOT NULL,
    n INTEGER NOT NULL,
    sum REAL NOT NULL,
    sumsq REAL NOT NULL,
    PRIMARY KEY (run_id, step, metric)
  ) WITHOUT ROWID;
  CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL,
    detector TEXT NOT NULL,
    step INTEGER,
    severity TEXT NOT NULL,
    summary TEXT NOT NULL,
    UNIQUE (run_id, detector, step)
  );
  CREATE TABLE finding_rollouts (
    finding_id INTEGER NOT NULL,
    rollout_id INTEGER NOT NULL,
    PRIMARY KEY (finding_id, rollout_id)
  ) WITHOUT ROWID;
  CREATE INDEX finding_rollouts_rollout ON finding_rollouts (rollout_id);
  CREATE TABLE rescores (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    spec_text TEXT NOT NULL,
    component_keys TEXT NOT NULL
  );
  CREATE TABLE rescore_results (
    rescore_id INTEGER NOT NULL,
    rollout_id INTEGER NOT NULL,
    score REAL NOT NULL,
    components TEXT NOT NULL,
    reason_code TEXT,
    PRIMARY KEY (rescore_id, rollout_id)
  ) WITHOUT ROWID;
  `,
]

/** Applies the migrations not yet applied; returns how many ran. */
export function migrate(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > MIGRATIONS.length)
    throw new Error(`the database is at schema version ${current}, newer than this sightline (${MIGRATIONS.length})`)
  let ran = 0
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v] as string)
      db.pragma(`user_version = ${v + 1}`)
    })()
    ran++
  }
  return ran
}
