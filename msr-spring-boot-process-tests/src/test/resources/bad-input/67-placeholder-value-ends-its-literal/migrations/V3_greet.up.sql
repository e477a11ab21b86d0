-- greets whoever the deployment names

insert into victim (name) values ('${name}');
