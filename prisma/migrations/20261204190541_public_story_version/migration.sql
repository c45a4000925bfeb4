-- CreateTable
CREATE TABLE "PublicStoryVersion" (
    "id" INTEGER NOT NULL,
    "value" BIGINT NOT NULL,

    CONSTRAINT "PublicStoryVersion_pkey" PRIMARY KEY ("id")
);

-- The irrigation trigger below looks up a zone's harvests through their plantings.
CREATE INDEX "Harvest_plantingId_idx" ON "Harvest"("plantingId");

-- The one row, and only it.
ALTER TABLE "PublicStoryVersion" ADD CONSTRAINT "PublicStoryVersion_one_row" CHECK ("id" = 1);
INSERT INTO "PublicStoryVersion" ("id", "value") VALUES (1, 0);

-- Raises the version once per transaction, at commit (the triggers below are deferred): a reader
-- sees the new version exactly when it can see the change, and the row lock is the last one a
-- writer takes, after every lock its own order took (checkout's holds), so it adds no deadlock.
CREATE FUNCTION public_story_raise() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('seedline.public_story_changed', true) IS DISTINCT FROM 'yes' THEN
    PERFORM set_config('seedline.public_story_changed', 'yes', true);
    UPDATE "PublicStoryVersion" SET "value" = "value" + 1 WHERE "id" = 1;
  END IF;
END $$;

CREATE FUNCTION public_story_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM public_story_raise();
  RETURN NULL;
END $$;

-- Hourly roll-ups and runs arrive all day from ingest; a batch's page reads its zone's only up to
-- the harvest's local day (irrigation record, water footprint), so only a time before the end of
-- the day after one of the zone's harvests (as recorded or corrected) changes a page.
CREATE FUNCTION public_story_zone_time(zone_id TEXT, at TIMESTAMP(3)) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('seedline.public_story_changed', true) IS NOT DISTINCT FROM 'yes' THEN
    RETURN;
  END IF;
  IF EXISTS (
    SELECT 1 FROM "Harvest" h
    JOIN "Planting" p ON p."id" = h."plantingId"
    LEFT JOIN "HarvestCorrection" c ON c."harvestId" = h."id"
    WHERE p."zoneId" = zone_id
      AND at < GREATEST(h."harvestedAt", COALESCE(c."harvestedAt", h."harvestedAt")) + INTERVAL '2 days'
  ) THEN
    PERFORM public_story_raise();
  END IF;
END $$;

CREATE FUNCTION public_story_hour_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM public_story_zone_time(OLD."zoneId", OLD."hour");
  ELSE
    PERFORM public_story_zone_time(NEW."zoneId", NEW."hour");
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION public_story_run_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM public_story_zone_time(OLD."zoneId", OLD."startedAt");
  ELSE
    PERFORM public_story_zone_time(NEW."zoneId", NEW."startedAt");
  END IF;
  RETURN NULL;
END $$;

-- Everything of these tables can reach a batch's page.
CREATE CONSTRAINT TRIGGER "PackLot_public_story" AFTER INSERT OR UPDATE OR DELETE ON "PackLot"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_story_changed();
CREATE CONSTRAINT TRIGGER "Product_public_story" AFTER INSERT OR UPDATE OR DELETE ON "Product"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_story_changed();
CREATE CONSTRAINT TRIGGER "Listing_public_story" AFTER INSERT OR UPDATE OR DELETE ON "Listing"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_story_changed();
CREATE CONSTRAINT TRIGGER "ListingPhoto_public_story" AFTER INSERT OR UPDATE OR DELETE ON "ListingPhoto"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_story_changed();
CREATE CONSTRAINT TRIGGER "Harvest_public_story" AFTER INSERT OR UPDATE OR DELETE ON "Harvest"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_story_changed();
CREATE CONSTRAINT TRIGGER "Planting_public_story" AFTER INSERT OR UPDATE OR DELETE ON "Planting"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_story_changed();
CREATE CONSTRAINT TRIGGER "SeedLot_public_story" AFTER INSERT OR UPDATE OR DELETE ON "SeedLot"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_story_changed();
CREATE CONSTRAINT TRIGGER "FarmLog_public_story" AFTER INSERT OR UPDATE OR DELETE ON "FarmLog"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_story_changed();
CREATE CONSTRAINT TRIGGER "SeedLotCorrection_public_story" AFTER INSERT OR UPDATE OR DELETE ON "SeedLotCorrection"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_story_changed();
CREATE CONSTRAINT TRIGGER "PlantingCorrection_public_story" AFTER INSERT OR UPDATE OR DELETE ON "PlantingCorrection"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_story_changed();
CREATE CONSTRAINT TRIGGER "HarvestCorrection_public_story" AFTER INSERT OR UPDATE OR DELETE ON "HarvestCorrection"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_story_changed();
CREATE CONSTRAINT TRIGGER "Greenhouse_public_story" AFTER INSERT OR UPDATE OR DELETE ON "Greenhouse"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_story_changed();
CREATE CONSTRAINT TRIGGER "Farm_public_story" AFTER INSERT OR UPDATE OR DELETE ON "Farm"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_story_changed();
CREATE CONSTRAINT TRIGGER "Certification_public_story" AFTER INSERT OR UPDATE OR DELETE ON "Certification"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_story_changed();
-- Of these, only the columns a page shows: a zone's shadow state and a user's password or session do not.
CREATE CONSTRAINT TRIGGER "Zone_public_story" AFTER INSERT OR DELETE OR UPDATE OF "name", "areaM2", "desiredSettings", "greenhouseId" ON "Zone"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_story_changed();
CREATE CONSTRAINT TRIGGER "User_public_story" AFTER UPDATE OF "name" ON "User"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_story_changed();
CREATE CONSTRAINT TRIGGER "ZoneHourly_public_story" AFTER INSERT OR UPDATE OR DELETE ON "ZoneHourly"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_story_hour_changed();
CREATE CONSTRAINT TRIGGER "IrrigationRun_public_story" AFTER INSERT OR UPDATE OR DELETE ON "IrrigationRun"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_story_run_changed();
