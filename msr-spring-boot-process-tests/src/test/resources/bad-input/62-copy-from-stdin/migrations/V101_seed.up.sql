create table seed_a (id int, name text);

-- Data for Name: seed_a
COPY seed_a (id, name) FROM stdin;
1	ada
2	o'neil; drop table seed_a;
\.

create table seed_b (id int);
