-- Workshop 3: one row per record the consumer processed (the workbook's table keeps the courier id and the
-- offset; topic and partition make each row name exactly one record, so the checks can count what was lost
-- or processed twice, partition by partition). No unique key on purpose: a duplicate shows as two rows.
CREATE TABLE IF NOT EXISTS processed_position (
  id           bigserial   PRIMARY KEY,
  topic        text        NOT NULL,
  "partition"  integer     NOT NULL,
  "offset"     bigint      NOT NULL,
  courier_id   text        NOT NULL,
  latitude     double precision NOT NULL,
  longitude    double precision NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS processed_position_record ON processed_position (topic, "partition", "offset");
