create table layout_users (id int);
