-- email is required
alter table users alter column email set not null;
