-- CreateTable
CREATE TABLE "SeedLotCorrection" (
    "id" TEXT NOT NULL,
    "seedLotId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "supplier" TEXT NOT NULL,
    "variety" TEXT NOT NULL,
    "lotNumber" TEXT NOT NULL,
    "receivedOn" DATE NOT NULL,
    "quantity" INTEGER NOT NULL,
    "quantityUnit" TEXT NOT NULL,
    "certificateNumber" TEXT,
    "reason" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clientId" TEXT,

    CONSTRAINT "SeedLotCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlantingCorrection" (
    "id" TEXT NOT NULL,
    "plantingId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "seedLotId" TEXT NOT NULL,
    "plantedOn" DATE NOT NULL,
    "quantity" INTEGER NOT NULL,
    "areaM2" DOUBLE PRECISION NOT NULL,
    "reason" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clientId" TEXT,

    CONSTRAINT "PlantingCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HarvestCorrection" (
    "id" TEXT NOT NULL,
    "harvestId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "harvestedAt" TIMESTAMP(3) NOT NULL,
    "weightGrams" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clientId" TEXT,

    CONSTRAINT "HarvestCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SeedLotCorrection_clientId_key" ON "SeedLotCorrection"("clientId");

-- CreateIndex
CREATE UNIQUE INDEX "SeedLotCorrection_seedLotId_version_key" ON "SeedLotCorrection"("seedLotId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "PlantingCorrection_clientId_key" ON "PlantingCorrection"("clientId");

-- CreateIndex
CREATE UNIQUE INDEX "PlantingCorrection_plantingId_version_key" ON "PlantingCorrection"("plantingId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "HarvestCorrection_clientId_key" ON "HarvestCorrection"("clientId");

-- CreateIndex
CREATE UNIQUE INDEX "HarvestCorrection_harvestId_version_key" ON "HarvestCorrection"("harvestId", "version");

-- AddForeignKey
ALTER TABLE "SeedLotCorrection" ADD CONSTRAINT "SeedLotCorrection_seedLotId_fkey" FOREIGN KEY ("seedLotId") REFERENCES "SeedLot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeedLotCorrection" ADD CONSTRAINT "SeedLotCorrection_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlantingCorrection" ADD CONSTRAINT "PlantingCorrection_plantingId_fkey" FOREIGN KEY ("plantingId") REFERENCES "Planting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlantingCorrection" ADD CONSTRAINT "PlantingCorrection_seedLotId_fkey" FOREIGN KEY ("seedLotId") REFERENCES "SeedLot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlantingCorrection" ADD CONSTRAINT "PlantingCorrection_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HarvestCorrection" ADD CONSTRAINT "HarvestCorrection_harvestId_fkey" FOREIGN KEY ("harvestId") REFERENCES "Harvest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HarvestCorrection" ADD CONSTRAINT "HarvestCorrection_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A correction is a farm record too: it says why (a reason is required), it corrects a version of
-- the record that exists (the first correction is version 1), and it is never changed or removed
-- (the same trigger function as the records themselves, migration 20261204080604).
ALTER TABLE "SeedLotCorrection" ADD CONSTRAINT "SeedLotCorrection_reason_check" CHECK (length(btrim("reason")) > 0);
ALTER TABLE "SeedLotCorrection" ADD CONSTRAINT "SeedLotCorrection_version_check" CHECK ("version" >= 1);
ALTER TABLE "PlantingCorrection" ADD CONSTRAINT "PlantingCorrection_reason_check" CHECK (length(btrim("reason")) > 0);
ALTER TABLE "PlantingCorrection" ADD CONSTRAINT "PlantingCorrection_version_check" CHECK ("version" >= 1);
ALTER TABLE "HarvestCorrection" ADD CONSTRAINT "HarvestCorrection_reason_check" CHECK (length(btrim("reason")) > 0);
ALTER TABLE "HarvestCorrection" ADD CONSTRAINT "HarvestCorrection_version_check" CHECK ("version" >= 1);

CREATE TRIGGER "SeedLotCorrection_append_only"
  BEFORE UPDATE OR DELETE ON "SeedLotCorrection"
  FOR EACH ROW EXECUTE FUNCTION seedline_record_append_only();

CREATE TRIGGER "PlantingCorrection_append_only"
  BEFORE UPDATE OR DELETE ON "PlantingCorrection"
  FOR EACH ROW EXECUTE FUNCTION seedline_record_append_only();

CREATE TRIGGER "HarvestCorrection_append_only"
  BEFORE UPDATE OR DELETE ON "HarvestCorrection"
  FOR EACH ROW EXECUTE FUNCTION seedline_record_append_only();
