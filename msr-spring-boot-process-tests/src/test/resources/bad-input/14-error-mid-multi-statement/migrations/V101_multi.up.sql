create table a (id int);
insert into a values ('x');
create table b (id int);
