drop table layout_users;
