create table notes (
    id         bigint generated always as identity primary key,
    author_id  bigint      not null references authors (id),
    title      text        not null,
    slug       text,
    body       text        not null default '',
    created_at timestamptz not null default now()
);
create index notes_author_id_idx on notes (author_id);

-- A first note, so that a fresh installation shows something.
insert into authors (name, email) values ('MSR', 'msr@example.org');
insert into notes (author_id, title, body)
select id, 'Welcome to MSR', 'Migrations ran in a Job; this pod only turned ready afterwards.' from authors;
