-- msr:transaction=false
-- CREATE INDEX CONCURRENTLY does not block writes, and PostgreSQL refuses to run it inside a transaction.
create index concurrently if not exists notes_title_idx on notes (title);
