create table tenant_settings (region text);

insert into tenant_settings values ('${region}'), ('${tenant}');
