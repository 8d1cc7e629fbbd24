-- CreateTable
CREATE TABLE "ScreeningAssignmentPlan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "reviewerIds" JSONB NOT NULL,
    "perRecord" INTEGER NOT NULL DEFAULT 2,
    "checkPercent" INTEGER NOT NULL DEFAULT 20,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ScreeningAssignmentPlan_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScreeningAssignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ScreeningAssignment_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ScreeningAssignmentPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScreeningAssignment_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "Record" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ScreeningAssignmentPlan_reviewId_stage_key" ON "ScreeningAssignmentPlan"("reviewId", "stage");

-- CreateIndex
CREATE INDEX "ScreeningAssignment_reviewId_stage_reviewerId_position_recordId_idx" ON "ScreeningAssignment"("reviewId", "stage", "reviewerId", "position", "recordId");

-- CreateIndex
CREATE INDEX "ScreeningAssignment_planId_idx" ON "ScreeningAssignment"("planId");

-- CreateIndex
CREATE UNIQUE INDEX "ScreeningAssignment_recordId_stage_reviewerId_key" ON "ScreeningAssignment"("recordId", "stage", "reviewerId");

