create table divide_a (id int);

-- why the next statement is here;
-- and more
/* a block */
select 1 / 0;
