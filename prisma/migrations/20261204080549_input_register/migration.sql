-- The co-op's register of input products, and what an input application records from it; the id
-- a phone gives each record (no record had one before: the unique index cannot fail).
-- CreateEnum
CREATE TYPE "DoseUnit" AS ENUM ('ML_PER_L', 'G_PER_L', 'KG_PER_HA', 'L_PER_HA');

-- AlterTable
ALTER TABLE "FarmLog" ADD COLUMN     "appliedBy" TEXT,
ADD COLUMN     "areaM2" DOUBLE PRECISION,
ADD COLUMN     "clientId" TEXT,
ADD COLUMN     "doseAmount" DOUBLE PRECISION,
ADD COLUMN     "doseUnit" "DoseUnit",
ADD COLUMN     "reason" TEXT,
ADD COLUMN     "registerProductId" TEXT;

-- CreateTable
CREATE TABLE "InputProduct" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "InputType" NOT NULL,
    "activeIngredient" TEXT,
    "registrationNumber" TEXT,
    "phiDays" INTEGER NOT NULL,
    "maxDose" DOUBLE PRECISION NOT NULL,
    "doseUnit" "DoseUnit" NOT NULL,
    "retiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InputProduct_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InputProduct_name_key" ON "InputProduct"("name");

-- CreateIndex
CREATE UNIQUE INDEX "FarmLog_clientId_key" ON "FarmLog"("clientId");

-- AddForeignKey
ALTER TABLE "FarmLog" ADD CONSTRAINT "FarmLog_registerProductId_fkey" FOREIGN KEY ("registerProductId") REFERENCES "InputProduct"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Rules Prisma's schema language cannot state.
ALTER TABLE "InputProduct" ADD CONSTRAINT "InputProduct_maxDose_positive" CHECK ("maxDose" > 0);
ALTER TABLE "InputProduct" ADD CONSTRAINT "InputProduct_phi_not_negative" CHECK ("phiDays" >= 0);
ALTER TABLE "FarmLog" ADD CONSTRAINT "FarmLog_doseAmount_positive" CHECK ("doseAmount" IS NULL OR "doseAmount" > 0);
ALTER TABLE "FarmLog" ADD CONSTRAINT "FarmLog_areaM2_positive" CHECK ("areaM2" IS NULL OR "areaM2" > 0);
ALTER TABLE "FarmLog" ADD CONSTRAINT "FarmLog_correction_has_reason" CHECK ("correctsId" IS NULL OR "reason" IS NOT NULL);
