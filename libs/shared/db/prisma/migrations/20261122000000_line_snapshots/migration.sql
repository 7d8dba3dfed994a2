-- Lines snapshot the product and its price (from Products and Billing) when they change, so that
-- reading a cart never calls another service. Lines written before this migration had neither:
-- they get an empty name and a price of 0 until their next change.
ALTER TABLE "cart_lines"
    ADD COLUMN "name" VARCHAR(200) NOT NULL DEFAULT '',
    ADD COLUMN "image_url" VARCHAR(500),
    ADD COLUMN "unit_price" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "added_unit_price" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "stock" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "cart_lines"
    ALTER COLUMN "name" DROP DEFAULT,
    ALTER COLUMN "unit_price" DROP DEFAULT,
    ALTER COLUMN "added_unit_price" DROP DEFAULT,
    ALTER COLUMN "stock" DROP DEFAULT;
