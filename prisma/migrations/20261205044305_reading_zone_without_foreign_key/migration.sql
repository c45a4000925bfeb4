-- A reading's zone without a foreign key: the per-row check cost each reading as much as storing
-- it (decision 040). Ingest writes readings only for zones it has just read; deleting a zone (or
-- its greenhouse or farm) still deletes its readings, by this trigger instead of the cascade.

-- DropForeignKey
ALTER TABLE "TelemetryReading" DROP CONSTRAINT "TelemetryReading_zoneId_fkey";

CREATE FUNCTION seedline_zone_readings_cascade() RETURNS trigger AS $$
BEGIN
  DELETE FROM "TelemetryReading" r USING gone_zones g WHERE r."zoneId" = g."id";
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- Once per statement, with every zone it deleted (a farm's whole greenhouse at once).
CREATE TRIGGER "Zone_readings_cascade"
  AFTER DELETE ON "Zone"
  REFERENCING OLD TABLE AS gone_zones
  FOR EACH STATEMENT EXECUTE FUNCTION seedline_zone_readings_cascade();
