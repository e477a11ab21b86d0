create table slow_seed (id int);
select pg_sleep(4);
