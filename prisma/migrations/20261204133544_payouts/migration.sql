-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "paidAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "PayoutCommissionRate" (
    "id" TEXT NOT NULL,
    "basisPoints" INTEGER NOT NULL,
    "setById" TEXT NOT NULL,
    "setAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PayoutCommissionRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayoutStatement" (
    "id" TEXT NOT NULL,
    "farmId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "commissionBasisPoints" INTEGER NOT NULL,
    "salesVnd" BIGINT NOT NULL,
    "refundsVnd" BIGINT NOT NULL,
    "commissionVnd" BIGINT NOT NULL,
    "netDueVnd" BIGINT NOT NULL,
    "paidReference" TEXT NOT NULL,
    "paidById" TEXT NOT NULL,
    "paidAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PayoutStatement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayoutItem" (
    "id" TEXT NOT NULL,
    "statementId" TEXT NOT NULL,
    "orderLineId" TEXT NOT NULL,
    "refundId" TEXT,
    "amountVnd" BIGINT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PayoutItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PayoutCommissionRate_setAt_idx" ON "PayoutCommissionRate"("setAt");

-- CreateIndex
CREATE UNIQUE INDEX "PayoutStatement_farmId_period_key" ON "PayoutStatement"("farmId", "period");

-- CreateIndex
CREATE INDEX "PayoutItem_statementId_idx" ON "PayoutItem"("statementId");

-- CreateIndex
CREATE UNIQUE INDEX "PayoutItem_orderLineId_refundId_key" ON "PayoutItem"("orderLineId", "refundId");

-- CreateIndex
CREATE INDEX "Payment_paidAt_idx" ON "Payment"("paidAt");

-- AddForeignKey
ALTER TABLE "PayoutCommissionRate" ADD CONSTRAINT "PayoutCommissionRate_setById_fkey" FOREIGN KEY ("setById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutStatement" ADD CONSTRAINT "PayoutStatement_farmId_fkey" FOREIGN KEY ("farmId") REFERENCES "Farm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutStatement" ADD CONSTRAINT "PayoutStatement_paidById_fkey" FOREIGN KEY ("paidById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutItem" ADD CONSTRAINT "PayoutItem_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "PayoutStatement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A sale is paid out once: a line's sale (refundId null) is in at most one statement.
CREATE UNIQUE INDEX "PayoutItem_sale_once" ON "PayoutItem"("orderLineId") WHERE "refundId" IS NULL;

ALTER TABLE "PayoutCommissionRate" ADD CONSTRAINT "PayoutCommissionRate_range"
  CHECK ("basisPoints" BETWEEN 0 AND 10000);

-- Payments received before this migration: the moment they were last changed is the best record
-- of when they were paid.
UPDATE "Payment" SET "paidAt" = "updatedAt" WHERE "status" IN ('SUCCEEDED', 'REFUNDED');

-- A paid statement is frozen: whatever path a statement comes from, the database refuses to change
-- or delete it, its items or a commission rate once set (decision 022). A refund made later goes
-- into the farm's next open statement instead.
CREATE FUNCTION seedline_payout_frozen() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% % is part of a paid payout and is frozen', TG_TABLE_NAME, OLD."id"
    USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "PayoutStatement_frozen"
  BEFORE UPDATE OR DELETE ON "PayoutStatement"
  FOR EACH ROW EXECUTE FUNCTION seedline_payout_frozen();

CREATE TRIGGER "PayoutItem_frozen"
  BEFORE UPDATE OR DELETE ON "PayoutItem"
  FOR EACH ROW EXECUTE FUNCTION seedline_payout_frozen();

CREATE TRIGGER "PayoutCommissionRate_frozen"
  BEFORE UPDATE OR DELETE ON "PayoutCommissionRate"
  FOR EACH ROW EXECUTE FUNCTION seedline_payout_frozen();
