-- CreateTable
CREATE TABLE "carts" (
    "id" UUID NOT NULL,
    "owner_id" UUID,
    "status" VARCHAR(16) NOT NULL DEFAULT 'active',
    "currency" CHAR(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "carts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cart_lines" (
    "cart_id" UUID NOT NULL,
    "product_id" VARCHAR(64) NOT NULL,
    "position" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cart_lines_pkey" PRIMARY KEY ("cart_id","product_id")
);

-- CreateIndex
CREATE INDEX "carts_owner_id_id_idx" ON "carts"("owner_id", "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "cart_lines_cart_id_position_key" ON "cart_lines"("cart_id", "position");

-- AddForeignKey
ALTER TABLE "cart_lines" ADD CONSTRAINT "cart_lines_cart_id_fkey" FOREIGN KEY ("cart_id") REFERENCES "carts"("id") ON DELETE CASCADE ON UPDATE NO ACTION;
