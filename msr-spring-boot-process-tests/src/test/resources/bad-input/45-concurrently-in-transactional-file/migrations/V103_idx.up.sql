-- no msr:transaction=false: PostgreSQL would refuse this at deploy time, after V102 ran
create index concurrently if not exists a_id on a (id);
