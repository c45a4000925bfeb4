-- AlterTable
ALTER TABLE "Greenhouse" ADD COLUMN     "shadowDocumentAt" TIMESTAMP(3),
ADD COLUMN     "shadowDocumentVersion" INTEGER;
