create procedure save_work() language plpgsql as $$ begin commit; end $$;
call save_work();
