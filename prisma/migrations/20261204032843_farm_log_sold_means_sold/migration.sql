-- The append-only trigger goes by the same rule as the domain's isPlantingSold: produce is sold
-- once an order of it is paid or confirmed (or gone further). An order only placed (a card buyer
-- still at Stripe) or cancelled (an abandoned checkout) sold nothing, and must not freeze the
-- farmer's record: the domain allowed the edit and the trigger refused it, a fault instead of
-- an answer.
CREATE OR REPLACE FUNCTION seedline_farm_log_append_only() RETURNS trigger AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM "OrderLine" ol
    JOIN "Order" o ON o."id" = ol."orderId"
    JOIN "PackLot" pl ON pl."id" = ol."packLotId"
    JOIN "Harvest" h ON h."id" = pl."harvestId"
    WHERE h."plantingId" = OLD."plantingId" AND o."status" NOT IN ('PLACED', 'CANCELLED')
  ) THEN
    RAISE EXCEPTION 'farm log % belongs to sold produce and is append-only: record a correction instead', OLD."id"
      USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
