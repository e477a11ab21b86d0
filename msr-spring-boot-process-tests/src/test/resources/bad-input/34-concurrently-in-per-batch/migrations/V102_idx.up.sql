-- msr:transaction=false
create index concurrently a_id on a (id);