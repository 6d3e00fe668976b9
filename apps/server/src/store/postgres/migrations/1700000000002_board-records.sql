-- Up Migration
-- Records kept beside a board's tasks: meetings, indicator readings, daily counts. One table for the
-- three kinds (the reducer treats them alike); a board's deletion takes its records with it.
CREATE TABLE board_records (
  board_id text NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
  kind     text NOT NULL,
  id       text NOT NULL,
  -- Insertion order, so a board's records read back oldest first as in the embedded store.
  n        bigserial,
  data     json NOT NULL,
  PRIMARY KEY (board_id, kind, id)
);
CREATE INDEX board_records_kind ON board_records (board_id, kind, n);

-- Down Migration
DROP TABLE board_records;
