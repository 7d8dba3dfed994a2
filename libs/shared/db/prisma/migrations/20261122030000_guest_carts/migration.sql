-- Guest carts: no owner, opened by a secret cart token whose SHA-256 is kept here.
ALTER TABLE "carts" ADD COLUMN "guest_key" CHAR(64);
