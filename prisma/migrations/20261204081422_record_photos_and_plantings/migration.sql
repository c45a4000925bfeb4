/*
  Warnings:

  - A unique constraint covering the columns `[photoId]` on the table `SeedLot` will be added. If there are existing duplicate values, this will fail.
  - A unique constraint covering the columns `[farmId,supplier,lotNumber]` on the table `SeedLot` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateEnum
CREATE TYPE "RecordPhotoSubject" AS ENUM ('SEED_LOT', 'OBSERVATION');

-- DropIndex
DROP INDEX "SeedLot_supplier_lotNumber_key";

-- AlterTable
ALTER TABLE "Planting" ADD COLUMN     "areaM2" DOUBLE PRECISION,
ADD COLUMN     "quantity" INTEGER,
ADD COLUMN     "quantityUnit" TEXT;

-- AlterTable
ALTER TABLE "SeedLot" ADD COLUMN     "photoId" TEXT;

-- CreateTable
CREATE TABLE "RecordPhoto" (
    "id" TEXT NOT NULL,
    "farmId" TEXT NOT NULL,
    "subject" "RecordPhotoSubject" NOT NULL,
    "widths" INTEGER[],
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecordPhoto_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RecordPhoto_farmId_idx" ON "RecordPhoto"("farmId");

-- CreateIndex
CREATE UNIQUE INDEX "SeedLot_photoId_key" ON "SeedLot"("photoId");

-- CreateIndex
CREATE UNIQUE INDEX "SeedLot_farmId_supplier_lotNumber_key" ON "SeedLot"("farmId", "supplier", "lotNumber");

-- AddForeignKey
ALTER TABLE "SeedLot" ADD CONSTRAINT "SeedLot_photoId_fkey" FOREIGN KEY ("photoId") REFERENCES "RecordPhoto"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordPhoto" ADD CONSTRAINT "RecordPhoto_farmId_fkey" FOREIGN KEY ("farmId") REFERENCES "Farm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordPhoto" ADD CONSTRAINT "RecordPhoto_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
