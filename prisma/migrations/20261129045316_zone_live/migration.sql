-- CreateTable
CREATE TABLE "ZoneLive" (
    "zoneId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "sequence" BIGINT NOT NULL,
    "moisture" DOUBLE PRECISION,
    "valveOpen" BOOLEAN NOT NULL,
    "flowLpm" DOUBLE PRECISION NOT NULL,
    "litresToday" DOUBLE PRECISION NOT NULL,
    "mode" TEXT NOT NULL,
    "alarm" TEXT,
    "temperature" DOUBLE PRECISION,
    "humidity" DOUBLE PRECISION,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ZoneLive_pkey" PRIMARY KEY ("zoneId")
);

-- AddForeignKey
ALTER TABLE "ZoneLive" ADD CONSTRAINT "ZoneLive_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "Zone"("id") ON DELETE CASCADE ON UPDATE CASCADE;
