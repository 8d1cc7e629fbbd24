-- AlterTable
ALTER TABLE "Record" ADD COLUMN "isDuplicate" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Record_reviewId_isDuplicate_idx" ON "Record"("reviewId", "isDuplicate");
