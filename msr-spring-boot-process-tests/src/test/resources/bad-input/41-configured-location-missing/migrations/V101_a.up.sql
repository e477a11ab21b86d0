create table layout_a (id int);
