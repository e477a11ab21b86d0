create table greetings (id int primary key, text varchar(40) not null);
insert into greetings values (1, 'hello');
