-- CreateEnum
CREATE TYPE "ObservationKind" AS ENUM ('PEST', 'DISEASE', 'NOTE');

-- AlterTable
ALTER TABLE "FarmLog" ADD COLUMN     "observation" "ObservationKind";
