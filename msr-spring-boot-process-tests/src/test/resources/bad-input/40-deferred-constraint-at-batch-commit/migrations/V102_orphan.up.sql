create table orphans (id int);
insert into child values (1, 42);
