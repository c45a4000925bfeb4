-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "fao56Crop" TEXT;
