-- Farm records are append-only, always, not only once their produce is sold: a record that was
-- true when written stays as written, and a mistake is corrected by a new row that points at it
-- (FarmLog."correctsId"). The database refuses every UPDATE and DELETE of a farm log, a harvest
-- and a seed lot, whatever path the statement comes from. (TRUNCATE, the owner's tool for wiping a
-- whole database, is not a row change and is not refused.)
DROP TRIGGER IF EXISTS "FarmLog_append_only" ON "FarmLog";
DROP FUNCTION IF EXISTS seedline_farm_log_append_only();

CREATE FUNCTION seedline_record_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% % is a farm record and is append-only: record a correction instead', TG_TABLE_NAME, OLD."id"
    USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "FarmLog_append_only"
  BEFORE UPDATE OR DELETE ON "FarmLog"
  FOR EACH ROW EXECUTE FUNCTION seedline_record_append_only();

CREATE TRIGGER "Harvest_append_only"
  BEFORE UPDATE OR DELETE ON "Harvest"
  FOR EACH ROW EXECUTE FUNCTION seedline_record_append_only();

CREATE TRIGGER "SeedLot_append_only"
  BEFORE UPDATE OR DELETE ON "SeedLot"
  FOR EACH ROW EXECUTE FUNCTION seedline_record_append_only();
