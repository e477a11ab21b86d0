create table b (id bigint);
