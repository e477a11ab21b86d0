-- load the parts
\i parts/tables.sql
create table include_a (id int);
