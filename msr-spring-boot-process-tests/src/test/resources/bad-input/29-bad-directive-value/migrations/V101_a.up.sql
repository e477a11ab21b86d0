-- msr:lock-timeout=soon
create table a (id int);