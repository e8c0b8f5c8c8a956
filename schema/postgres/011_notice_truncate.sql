-- TRUNCATE guards on the notice tables (issue 16). 006_tamper.sql creates
-- them when the notice tables exist, as on a database that was at 008 before
-- 006 was written; on a new database 006 runs before 008 creates the
-- tables, so they are created here. Migrations that have shipped are never
-- edited: this one completes them.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'notices_no_truncate'
                   AND tgrelid = to_regclass('notices')) THEN
        CREATE TRIGGER notices_no_truncate BEFORE TRUNCATE ON notices
            FOR EACH STATEMENT EXECUTE FUNCTION minutes_guard_truncate();
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'notice_recipients_no_truncate'
                   AND tgrelid = to_regclass('notice_recipients')) THEN
        CREATE TRIGGER notice_recipients_no_truncate BEFORE TRUNCATE ON notice_recipients
            FOR EACH STATEMENT EXECUTE FUNCTION minutes_guard_truncate();
    END IF;
END
$$;
