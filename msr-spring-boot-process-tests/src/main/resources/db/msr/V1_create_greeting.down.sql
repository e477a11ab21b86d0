drop table greeting;
