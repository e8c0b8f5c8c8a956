-- Every page of meetings is in (date, id) order, newest or oldest first.
-- An index on date alone leaves the meetings of one day (hundreds, in a
-- province) to be read and sorted for each page; on SQLite the rowid
-- completes every index already. These replace the indexes of 001.
CREATE INDEX meetings_date_id ON meetings (date, id);
CREATE INDEX meetings_org_date_id ON meetings (org_key, date, id);
DROP INDEX meetings_date;
DROP INDEX meetings_org_date;
