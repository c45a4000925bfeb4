-- The window an order was placed for, pickup or delivery: the old pickup columns keep their data.
ALTER TABLE "Order" RENAME COLUMN "pickupWindowStart" TO "windowStart";
ALTER TABLE "Order" RENAME COLUMN "pickupWindowEnd" TO "windowEnd";
ALTER TABLE "Order" ADD COLUMN "windowId" TEXT;

-- AlterTable
ALTER TABLE "PickupPoint" ADD COLUMN     "hours" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "FulfilmentSchedule" (
    "id" TEXT NOT NULL,
    "fulfilment" "Fulfilment" NOT NULL,
    "pickupPointId" TEXT,
    "weekdays" INTEGER[],
    "startMinute" INTEGER NOT NULL,
    "endMinute" INTEGER NOT NULL,
    "capacity" INTEGER NOT NULL,
    "opensDaysBefore" INTEGER NOT NULL,
    "closesHoursBefore" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stoppedAt" TIMESTAMP(3),

    CONSTRAINT "FulfilmentSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FulfilmentWindow" (
    "id" TEXT NOT NULL,
    "fulfilment" "Fulfilment" NOT NULL,
    "pickupPointId" TEXT,
    "scheduleId" TEXT,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "orderingOpensAt" TIMESTAMP(3) NOT NULL,
    "orderingClosesAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FulfilmentWindow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FulfilmentWindow_fulfilment_orderingClosesAt_idx" ON "FulfilmentWindow"("fulfilment", "orderingClosesAt");

-- CreateIndex
CREATE UNIQUE INDEX "FulfilmentWindow_scheduleId_startsAt_key" ON "FulfilmentWindow"("scheduleId", "startsAt");

-- CreateIndex
CREATE INDEX "Order_windowId_status_idx" ON "Order"("windowId", "status");

-- AddForeignKey
ALTER TABLE "FulfilmentSchedule" ADD CONSTRAINT "FulfilmentSchedule_pickupPointId_fkey" FOREIGN KEY ("pickupPointId") REFERENCES "PickupPoint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FulfilmentWindow" ADD CONSTRAINT "FulfilmentWindow_pickupPointId_fkey" FOREIGN KEY ("pickupPointId") REFERENCES "PickupPoint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FulfilmentWindow" ADD CONSTRAINT "FulfilmentWindow_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "FulfilmentSchedule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_windowId_fkey" FOREIGN KEY ("windowId") REFERENCES "FulfilmentWindow"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A pickup has a point, a delivery none; times and capacities that make sense, whoever writes them.
ALTER TABLE "FulfilmentSchedule" ADD CONSTRAINT "FulfilmentSchedule_sane" CHECK (
  ("fulfilment" = 'PICKUP') = ("pickupPointId" IS NOT NULL)
  AND "startMinute" >= 0 AND "endMinute" <= 1440 AND "startMinute" < "endMinute"
  AND "capacity" >= 1 AND "opensDaysBefore" >= 1 AND "closesHoursBefore" >= 0
  AND cardinality("weekdays") >= 1 AND "weekdays" <@ ARRAY[0, 1, 2, 3, 4, 5, 6]
);
ALTER TABLE "FulfilmentWindow" ADD CONSTRAINT "FulfilmentWindow_sane" CHECK (
  ("fulfilment" = 'PICKUP') = ("pickupPointId" IS NOT NULL)
  AND "startsAt" < "endsAt" AND "capacity" >= 0
  AND "orderingOpensAt" < "orderingClosesAt" AND "orderingClosesAt" <= "startsAt"
);
