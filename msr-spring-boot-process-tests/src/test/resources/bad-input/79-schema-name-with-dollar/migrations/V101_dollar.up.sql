create table "app$1".dollar_table (a int);
