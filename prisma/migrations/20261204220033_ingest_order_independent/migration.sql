-- Ingest's effects independent of arrival order and of the ingest process (decision 034).
-- Runs stored twice for one start (two lanes racing, before lanes by bridge) become one: the
-- closed one is kept over a running one.
DELETE FROM "IrrigationRun" r
USING "IrrigationRun" keep
WHERE keep."zoneId" = r."zoneId" AND keep."startedAt" = r."startedAt" AND keep."id" <> r."id"
  AND ((keep."endedAt" IS NOT NULL) > (r."endedAt" IS NOT NULL)
    OR ((keep."endedAt" IS NOT NULL) = (r."endedAt" IS NOT NULL) AND keep."id" < r."id"));

-- DropIndex
DROP INDEX "IrrigationRun_zoneId_startedAt_idx";

-- AlterTable
ALTER TABLE "Greenhouse" ADD COLUMN     "messageSeriesAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "AlarmSignal" (
    "thingName" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "sequence" BIGINT NOT NULL,
    "greenhouseId" TEXT NOT NULL,
    "zoneId" TEXT,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "raised" BOOLEAN NOT NULL,
    "message" TEXT,

    CONSTRAINT "AlarmSignal_pkey" PRIMARY KEY ("thingName","series","sequence")
);

-- CreateIndex
CREATE INDEX "AlarmSignal_greenhouseId_kind_at_idx" ON "AlarmSignal"("greenhouseId", "kind", "at");

-- CreateIndex
CREATE UNIQUE INDEX "IrrigationRun_zoneId_startedAt_key" ON "IrrigationRun"("zoneId", "startedAt");

-- AddForeignKey
ALTER TABLE "AlarmSignal" ADD CONSTRAINT "AlarmSignal_greenhouseId_fkey" FOREIGN KEY ("greenhouseId") REFERENCES "Greenhouse"("id") ON DELETE CASCADE ON UPDATE CASCADE;
