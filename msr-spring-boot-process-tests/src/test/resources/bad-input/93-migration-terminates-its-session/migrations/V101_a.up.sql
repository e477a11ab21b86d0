create table a (id int);
select pg_terminate_backend(pg_backend_pid());
create table b (id int);
