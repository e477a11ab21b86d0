create table notes (id int primary key);
