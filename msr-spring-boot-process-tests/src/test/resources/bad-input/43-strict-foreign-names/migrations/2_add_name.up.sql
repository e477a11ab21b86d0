alter table layout_users add column name text;
