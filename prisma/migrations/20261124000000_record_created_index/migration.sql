-- CreateIndex
CREATE INDEX "Record_reviewId_createdAt_position_idx" ON "Record"("reviewId", "createdAt", "position");
