-- A reviewer's votes at a stage, latest first: where the queue resumes and the history for ←.
DROP INDEX "ScreeningDecision_reviewId_stage_reviewerId_idx";
CREATE INDEX "ScreeningDecision_reviewId_stage_reviewerId_updatedAt_id_idx" ON "ScreeningDecision"("reviewId", "stage", "reviewerId", "updatedAt", "id");

-- Deduplication reads a review in pages ordered by id.
CREATE INDEX "Record_reviewId_id_idx" ON "Record"("reviewId", "id");
