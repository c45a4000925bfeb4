/*
  Warnings:

  - A unique constraint covering the columns `[clientId]` on the table `SeedLot` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "SeedLot" ADD COLUMN     "clientId" TEXT,
ADD COLUMN     "recordedById" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "SeedLot_clientId_key" ON "SeedLot"("clientId");

-- AddForeignKey
ALTER TABLE "SeedLot" ADD CONSTRAINT "SeedLot_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
