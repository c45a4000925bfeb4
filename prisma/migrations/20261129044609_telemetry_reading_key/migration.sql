/*
  Warnings:

  - The primary key for the `TelemetryReading` table will be changed. If it partially fails, the table could be left without primary key constraint.
  - You are about to drop the column `id` on the `TelemetryReading` table. All the data in the column will be lost.

*/
-- DropIndex
DROP INDEX "TelemetryReading_thingName_sequence_zoneId_key";

-- DropIndex
DROP INDEX "TelemetryReading_zoneId_at_idx";

-- AlterTable
ALTER TABLE "TelemetryReading" DROP CONSTRAINT "TelemetryReading_pkey",
DROP COLUMN "id",
ADD CONSTRAINT "TelemetryReading_pkey" PRIMARY KEY ("zoneId", "at", "thingName", "sequence");
