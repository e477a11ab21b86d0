create table victim (name text);
