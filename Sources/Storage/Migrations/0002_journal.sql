-- The event journal: every event BlueLamp acts on, appended in order and never changed.
-- `seq` is the global order; a stream (an incident, a unit, a rule set …) reads its events by seq.
CREATE TABLE journal (
    seq         bigserial PRIMARY KEY,
    stream      text        NOT NULL CHECK (stream <> ''),
    type        text        NOT NULL CHECK (type <> ''),
    occurred_at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    payload     jsonb       NOT NULL,
    location    geometry(Point, 4326) NULL
);

CREATE INDEX journal_stream_seq ON journal (stream, seq);
CREATE INDEX journal_type_seq ON journal (type, seq);
CREATE INDEX journal_occurred_at ON journal (occurred_at);
CREATE INDEX journal_location ON journal USING gist (location) WHERE location IS NOT NULL;

-- Append-only: updates, deletes and truncation are refused.
CREATE FUNCTION journal_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the journal is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'restrict_violation',
              HINT = 'append a compensating event instead';
END;
$$;

CREATE TRIGGER journal_append_only
    BEFORE UPDATE OR DELETE ON journal
    FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();

CREATE TRIGGER journal_no_truncate
    BEFORE TRUNCATE ON journal
    FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();
