-- The results index (plugbench-results), SQLite. Rebuilt from the run folders at any time: they stay
-- the source of truth. One row of runs per results.json found under a root (one task of one run).
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS roots (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE               -- a results root, absolute and real
);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY,
  root_id INTEGER NOT NULL REFERENCES roots(id),
  path TEXT NOT NULL,                     -- the task folder holding results.json, relative to the root, '/'-separated
  batch TEXT NOT NULL,                    -- the run folder (bench or demo --out) holding it, relative to the root ('' is the root)
  family TEXT NOT NULL,
  task TEXT NOT NULL,
  quick INTEGER NOT NULL,                 -- 1 for --quick
  description TEXT,
  seeds INTEGER NOT NULL,
  started TEXT,                           -- provenance.start_time, ISO-8601 UTC
  host_version TEXT,
  git_commit TEXT,
  java_version TEXT,
  os TEXT,
  cpu_count INTEGER,
  machine TEXT,                           -- os, cores and BLAS kernel in one line
  threads INTEGER,
  executor TEXT,                          -- provenance.run.executor: threads, worker JVMs, a runner
  blas_core TEXT,
  statistics_test TEXT,                   -- wilcoxon or t
  alpha REAL,
  cells INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  file_size INTEGER NOT NULL,             -- of results.json when indexed: a change reindexes the run
  file_mtime INTEGER NOT NULL,            -- milliseconds since the epoch
  indexed_at TEXT NOT NULL,
  UNIQUE (root_id, path)
);
CREATE INDEX IF NOT EXISTS runs_by_task ON runs (family, task, started);
CREATE TABLE IF NOT EXISTS run_methods (  -- provenance.plugins: which plugin file gave each method
  run_id INTEGER NOT NULL,
  method TEXT NOT NULL,
  plugin TEXT,
  version TEXT,
  source TEXT,                            -- pf4j or classpath
  sha256 TEXT,
  PRIMARY KEY (run_id, method)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS run_methods_by_plugin ON run_methods (plugin, version);
CREATE TABLE IF NOT EXISTS run_metrics (  -- the task's metrics (method '') and those methods declare
  run_id INTEGER NOT NULL,
  method TEXT NOT NULL,
  name TEXT NOT NULL,
  direction TEXT NOT NULL,                -- higher, lower, target or descriptive
  target REAL,
  description TEXT,
  PRIMARY KEY (run_id, method, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS settings (     -- provenance.run.setting_fields: each setting's typed fields
  run_id INTEGER NOT NULL,
  setting TEXT NOT NULL,
  field TEXT NOT NULL,
  value TEXT,
  number REAL,                            -- the value when it is a number
  PRIMARY KEY (run_id, setting, field)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cells (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL,
  method TEXT NOT NULL,
  params TEXT NOT NULL,                   -- a JSON object, keys sorted ('{}' for none)
  setting TEXT NOT NULL,
  seed INTEGER NOT NULL,
  seconds REAL,
  error TEXT                              -- null when the cell succeeded
);
CREATE INDEX IF NOT EXISTS cells_by_run ON cells (run_id, method);
CREATE TABLE IF NOT EXISTS metric_names (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS cell_values (
  cell_id INTEGER NOT NULL,
  metric_id INTEGER NOT NULL,
  value REAL,                             -- null for NaN and infinities
  PRIMARY KEY (cell_id, metric_id)
) WITHOUT ROWID;
CREATE VIEW IF NOT EXISTS cell_metrics AS
  SELECT r.family, r.task, r.path AS run, c.run_id, c.method, c.params, c.setting, c.seed, n.name AS metric, v.value
  FROM cells c JOIN runs r ON r.id = c.run_id JOIN cell_values v ON v.cell_id = c.id JOIN metric_names n ON n.id = v.metric_id;
