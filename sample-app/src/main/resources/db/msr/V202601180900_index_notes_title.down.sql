-- msr:transaction=false
drop index concurrently if exists notes_title_idx;
