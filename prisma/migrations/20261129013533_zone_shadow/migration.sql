-- AlterTable
ALTER TABLE "Zone" ADD COLUMN     "desiredAt" TIMESTAMP(3),
ADD COLUMN     "pendingCommand" JSONB,
ADD COLUMN     "refusedAt" TIMESTAMP(3),
ADD COLUMN     "refusedReason" TEXT;
