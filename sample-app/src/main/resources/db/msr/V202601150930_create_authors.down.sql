drop table authors;
