drop table note_tags;
