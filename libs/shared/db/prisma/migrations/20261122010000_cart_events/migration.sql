-- CreateTable
CREATE TABLE "cart_events" (
    "cart_id" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "id" UUID NOT NULL,
    "type" VARCHAR(64) NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "data" JSONB NOT NULL,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "cart_events_pkey" PRIMARY KEY ("cart_id","sequence")
);

-- CreateIndex
-- The relay reads unpublished rows (published_at IS NULL) oldest first.
CREATE INDEX "cart_events_published_at_occurred_at_idx" ON "cart_events"("published_at", "occurred_at");
