create table rule_target (a int);
create table rule_log (n int);
create rule rule_target_log as on insert to rule_target do also (insert into rule_log values (1); insert into rule_log values (2));
insert into rule_target values (1);
