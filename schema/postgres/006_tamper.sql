-- The lock on finalized minutes, closed against every statement that can
-- change a row (issue 16), and the seal of each version (history.hash); see
-- schema/sqlite/006_tamper.sql for the reasons.
--
-- PostgreSQL has no REPLACE: INSERT … ON CONFLICT DO UPDATE runs the update
-- row triggers of 002 and 005. What those never see is TRUNCATE, which fires
-- no row trigger at all: each table of the record, the history and the task
-- notes gets a BEFORE TRUNCATE statement trigger, which refuses when the
-- table holds anything of finalized minutes (the history: anything). A
-- TRUNCATE … CASCADE fires the trigger of every table it reaches.
--
-- What no trigger can stop: a table owner's ALTER TABLE … DISABLE TRIGGER or
-- DROP TRIGGER, a superuser's session_replication_role = replica.
-- `minutes verify` sees the changes made that way (README).

ALTER TABLE history ADD COLUMN hash TEXT NOT NULL DEFAULT '';

CREATE FUNCTION minutes_guard_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    held boolean;
BEGIN
    IF TG_TABLE_NAME = 'history' THEN
        held := EXISTS (SELECT 1 FROM history);
    ELSIF TG_TABLE_NAME = 'meetings' THEN
        held := EXISTS (SELECT 1 FROM meetings WHERE status = 'finalized');
    ELSIF TG_TABLE_NAME = 'task_notes' THEN
        held := EXISTS (SELECT 1 FROM task_notes n JOIN conclusions c ON c.id = n.conclusion_id
                        JOIN locked_meetings l ON l.id = c.meeting_id);
    ELSE
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.%I t JOIN locked_meetings l ON l.id = t.meeting_id)',
                       TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO held;
    END IF;
    IF held THEN
        IF TG_TABLE_NAME = 'history' THEN
            RAISE EXCEPTION 'minutes: read-only: the history is append-only' USING ERRCODE = 'MNRO1';
        END IF;
        RAISE EXCEPTION 'minutes: read-only: % holds finalized minutes; change them with minutes amend', TG_TABLE_NAME
            USING ERRCODE = 'MNRO1';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER history_no_truncate BEFORE TRUNCATE ON history
    FOR EACH STATEMENT EXECUTE FUNCTION minutes_guard_truncate();
CREATE TRIGGER meetings_no_truncate BEFORE TRUNCATE ON meetings
    FOR EACH STATEMENT EXECUTE FUNCTION minutes_guard_truncate();
CREATE TRIGGER chairs_no_truncate BEFORE TRUNCATE ON chairs
    FOR EACH STATEMENT EXECUTE FUNCTION minutes_guard_truncate();
CREATE TRIGGER absentees_no_truncate BEFORE TRUNCATE ON absentees
    FOR EACH STATEMENT EXECUTE FUNCTION minutes_guard_truncate();
CREATE TRIGGER agenda_items_no_truncate BEFORE TRUNCATE ON agenda_items
    FOR EACH STATEMENT EXECUTE FUNCTION minutes_guard_truncate();
CREATE TRIGGER comments_no_truncate BEFORE TRUNCATE ON comments
    FOR EACH STATEMENT EXECUTE FUNCTION minutes_guard_truncate();
CREATE TRIGGER conclusions_no_truncate BEFORE TRUNCATE ON conclusions
    FOR EACH STATEMENT EXECUTE FUNCTION minutes_guard_truncate();
CREATE TRIGGER recipients_no_truncate BEFORE TRUNCATE ON recipients
    FOR EACH STATEMENT EXECUTE FUNCTION minutes_guard_truncate();
-- The notice tables come with 008, which runs after this migration on a new
-- database (and creates their triggers itself) and before it on one that
-- was at 008 already (here).
DO $$
BEGIN
    IF to_regclass('notices') IS NOT NULL THEN
        CREATE TRIGGER notices_no_truncate BEFORE TRUNCATE ON notices
            FOR EACH STATEMENT EXECUTE FUNCTION minutes_guard_truncate();
        CREATE TRIGGER notice_recipients_no_truncate BEFORE TRUNCATE ON notice_recipients
            FOR EACH STATEMENT EXECUTE FUNCTION minutes_guard_truncate();
    END IF;
END
$$;
CREATE TRIGGER task_notes_no_truncate BEFORE TRUNCATE ON task_notes
    FOR EACH STATEMENT EXECUTE FUNCTION minutes_guard_truncate();

-- A conclusion's id is the task number users quote: on finalized minutes it
-- is as fixed as the content (an id set to itself changes nothing).
CREATE TRIGGER conclusions_finalized_id BEFORE UPDATE OF id ON conclusions
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION minutes_guard_part();

-- Task notes of finalized minutes: added, never changed or deleted.
CREATE FUNCTION minutes_guard_task_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM conclusions c JOIN locked_meetings l ON l.id = c.meeting_id WHERE c.id = OLD.conclusion_id) THEN
        RAISE EXCEPTION 'minutes: read-only: the follow-up notes of finalized minutes are append-only'
            USING ERRCODE = 'MNRO1';
    END IF;
    IF TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM conclusions c JOIN locked_meetings l ON l.id = c.meeting_id WHERE c.id = NEW.conclusion_id) THEN
        RAISE EXCEPTION 'minutes: read-only: the follow-up notes of finalized minutes are append-only'
            USING ERRCODE = 'MNRO1';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER task_notes_finalized BEFORE UPDATE OR DELETE ON task_notes
    FOR EACH ROW EXECUTE FUNCTION minutes_guard_task_note();
