-- Up Migration
-- dondoc on PostgreSQL, schema 1. Records are kept as the JSON the reducer made (type `json` keeps the
-- text as written, so a task reads back key for key); the columns beside it are what queries filter on.

-- Boards. `incarnation` tells a board apart from an earlier one deleted under the same id, so a
-- server's cache of an old board is never taken for the new one.
CREATE SEQUENCE board_incarnation;
CREATE TABLE boards (
  id          text PRIMARY KEY,
  revision    integer NOT NULL,
  incarnation bigint NOT NULL DEFAULT nextval('board_incarnation'),
  data        json NOT NULL
);

-- Tasks on a board. `board_rev` is the board revision that last wrote the task, so a server reads
-- only what changed since the revision it holds.
CREATE TABLE tasks (
  board_id  text NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
  id        text NOT NULL,
  track     text NOT NULL,
  col       text NOT NULL,
  rank      double precision NOT NULL,
  board_rev integer NOT NULL,
  data      json NOT NULL,
  PRIMARY KEY (board_id, id)
);
CREATE INDEX tasks_cell ON tasks (board_id, track, col, rank, id);
CREATE INDEX tasks_changed ON tasks (board_id, board_rev);

-- Deleted tasks kept for undo; `board_rev` as above (a server drops them from its copy).
CREATE TABLE trash (
  board_id  text NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
  id        text NOT NULL,
  board_rev integer NOT NULL,
  data      json NOT NULL,
  PRIMARY KEY (board_id, id)
);
CREATE INDEX trash_changed ON trash (board_id, board_rev);

CREATE TABLE users (
  id    text PRIMARY KEY,
  login text NOT NULL UNIQUE,
  data  json NOT NULL
);

-- The agency directory: one row.
CREATE TABLE directory (
  id       smallint PRIMARY KEY CHECK (id = 1),
  agencies json NOT NULL
);
INSERT INTO directory VALUES (1, '[]');

-- Credentials and sessions: never in the change records or the audit trail.
CREATE TABLE password_hashes (
  user_id text PRIMARY KEY,
  hash    text NOT NULL
);
CREATE TABLE sessions (
  id_hash      text PRIMARY KEY,
  user_id      text NOT NULL,
  created_at   text NOT NULL,
  last_seen_at text NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Evidence files by content hash, in the database: every server reads them, and one backup holds them.
CREATE TABLE files (
  sha256     text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size       integer NOT NULL,
  bytes      bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Every committed operation's change record. An operation's transaction inserts its row unsealed
-- (seq NULL); the sealer numbers rows in commit order, chains them (the audit trail) and announces
-- (board, seq) with NOTIFY. `line` is the audit entry exactly as the embedded store writes it.
CREATE TABLE changes (
  id       bigserial PRIMARY KEY,
  board_id text,
  task_ids text[] NOT NULL DEFAULT '{}',
  record   json NOT NULL,
  seq      bigint UNIQUE,
  n        bigint UNIQUE,
  hash     text,
  line     text
);
CREATE INDEX changes_unsealed ON changes (id) WHERE seq IS NULL;
CREATE INDEX changes_board ON changes (board_id, n) WHERE board_id IS NOT NULL;
CREATE INDEX changes_tasks ON changes USING gin (task_ids);

-- The head of the audit chain: entries, the last sequence number, the last hash.
CREATE TABLE audit_head (
  id   smallint PRIMARY KEY CHECK (id = 1),
  n    bigint NOT NULL,
  seq  bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head VALUES (1, 0, 0, repeat('0', 64));

-- The server's Ed25519 checkpoint key (PKCS#8 PEM), shared by every server on this database.
CREATE TABLE audit_key (
  id          smallint PRIMARY KEY CHECK (id = 1),
  private_pem text NOT NULL
);

-- Failed sign-ins, shared by every server (rate-limiter-flexible's RateLimiterPostgres table shape).
CREATE TABLE login_limits (
  key    varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);

-- Down Migration
DROP TABLE login_limits, audit_key, audit_head, changes, files, sessions, password_hashes, directory, users, trash, tasks, boards;
DROP SEQUENCE board_incarnation;
