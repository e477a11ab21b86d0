create table a (id int);

creat table b (id int);
