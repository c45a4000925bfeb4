-- AlterTable
ALTER TABLE "FarmLog" ADD COLUMN     "photoId" TEXT;

-- AddForeignKey
ALTER TABLE "FarmLog" ADD CONSTRAINT "FarmLog_photoId_fkey" FOREIGN KEY ("photoId") REFERENCES "RecordPhoto"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
