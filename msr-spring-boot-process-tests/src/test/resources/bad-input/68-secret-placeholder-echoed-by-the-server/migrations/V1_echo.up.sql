do $$
begin
  perform length('${db.password}') / 0;
end $$;
