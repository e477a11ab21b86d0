create table meta_a (id int);

\set owner app
alter table meta_a owner to :owner;
