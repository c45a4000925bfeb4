/*
  Warnings:

  - The primary key for the `IngestedMessage` table will be changed. If it partially fails, the table could be left without primary key constraint.

*/
-- AlterTable
ALTER TABLE "Greenhouse" ADD COLUMN     "messageSeries" TEXT;

-- AlterTable
ALTER TABLE "IngestedMessage" DROP CONSTRAINT "IngestedMessage_pkey",
ADD COLUMN     "series" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "IngestedMessage_pkey" PRIMARY KEY ("thingName", "series", "sequence");
