create function atomic_labels() returns int language sql
begin atomic
  select 1 as end;
  select case when true then 2 else 3 end as case;
end;
create table atomic_after (n int);
insert into atomic_after select atomic_labels();
