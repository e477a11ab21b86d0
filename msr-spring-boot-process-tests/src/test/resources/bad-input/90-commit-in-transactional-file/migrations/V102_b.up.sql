create table b (id int);
-- the author meant to save the work so far
commit;
insert into b values (1);
