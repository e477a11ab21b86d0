create table note_tags (
    note_id bigint not null references notes (id) on delete cascade,
    tag     text   not null,
    primary key (note_id, tag)
);
