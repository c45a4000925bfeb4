-- CreateTable
CREATE TABLE "ZoneHourlyStale" (
    "zoneId" TEXT NOT NULL,
    "fromAt" TIMESTAMP(3) NOT NULL,
    "toAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ZoneHourlyStale_pkey" PRIMARY KEY ("zoneId","fromAt","toAt")
);

-- AddForeignKey
ALTER TABLE "ZoneHourlyStale" ADD CONSTRAINT "ZoneHourlyStale_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "Zone"("id") ON DELETE CASCADE ON UPDATE CASCADE;
