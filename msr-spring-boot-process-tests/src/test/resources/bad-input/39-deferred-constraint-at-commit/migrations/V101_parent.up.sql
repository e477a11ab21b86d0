create table parent (id int primary key);
create table child (id int, parent_id int references parent (id) deferrable initially deferred);
