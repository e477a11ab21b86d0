-- msr:transactional=false
create table a (id int);