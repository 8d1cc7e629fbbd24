-- CreateIndex
CREATE INDEX "Record_reviewId_position_id_idx" ON "Record"("reviewId", "position", "id");

