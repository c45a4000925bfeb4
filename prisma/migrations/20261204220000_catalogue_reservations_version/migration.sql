-- The catalogue (decision 031, extended) shows units left for sale: stock minus what live
-- reservations hold. A reservation made, sold or released changes that, so it raises the public
-- version like any other change a public page shows. Its expiry changes it too, without a write:
-- the catalogue's cache keeps its list only until the earliest live reservation expires.
CREATE CONSTRAINT TRIGGER "StockReservation_public_story" AFTER INSERT OR UPDATE OR DELETE ON "StockReservation"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_story_changed();
