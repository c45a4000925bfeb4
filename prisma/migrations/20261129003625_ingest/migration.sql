-- AlterTable
ALTER TABLE "TelemetryReading" ADD COLUMN     "litresToday" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "IngestedMessage" (
    "thingName" TEXT NOT NULL,
    "sequence" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IngestedMessage_pkey" PRIMARY KEY ("thingName","sequence")
);
