-- A listing carries its own title, description, unit and category (issue 12). Existing listings
-- start from their product's: the columns are added empty, filled, then made required.
ALTER TABLE "Listing" ADD COLUMN     "category" "ProductCategory",
ADD COLUMN     "descriptionEn" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "descriptionVi" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "titleEn" TEXT,
ADD COLUMN     "titleVi" TEXT,
ADD COLUMN     "unit" "SaleUnit";

UPDATE "Listing" AS l
SET "titleVi" = p."nameVi", "titleEn" = p."nameEn",
    "descriptionVi" = COALESCE(p."descriptionVi", ''), "descriptionEn" = COALESCE(p."descriptionEn", ''),
    "unit" = p."unit", "category" = p."category"
FROM "PackLot" AS pl JOIN "Product" AS p ON p."id" = pl."productId"
WHERE pl."id" = l."packLotId";

ALTER TABLE "Listing" ALTER COLUMN "category" SET NOT NULL,
ALTER COLUMN "titleEn" SET NOT NULL,
ALTER COLUMN "titleVi" SET NOT NULL,
ALTER COLUMN "unit" SET NOT NULL;
