
-- DropIndex
DROP INDEX "RiskOfBiasRating_studyId_reviewerId_consensus_domain_key";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "RiskOfBiasRating";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "ExtractionForm" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ExtractionForm_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Outcome" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL DEFAULT '',
    "direction" TEXT NOT NULL DEFAULT 'HIGHER_IS_BETTER',
    "type" TEXT NOT NULL DEFAULT 'CONTINUOUS',
    "units" JSONB NOT NULL DEFAULT '[]',
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Outcome_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Digitisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "studyId" TEXT NOT NULL,
    "reviewerId" TEXT,
    "consensus" BOOLEAN NOT NULL DEFAULT false,
    "locator" TEXT NOT NULL DEFAULT '',
    "sourceKind" TEXT NOT NULL,
    "page" INTEGER,
    "imagePath" TEXT,
    "crop" JSONB NOT NULL,
    "calibration" JSONB NOT NULL,
    "points" JSONB NOT NULL,
    "derived" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Digitisation_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RobAssessment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "studyId" TEXT NOT NULL,
    "raterId" TEXT,
    "consensus" BOOLEAN NOT NULL DEFAULT false,
    "tool" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'IN_PROGRESS',
    "submittedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RobAssessment_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RobRating" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assessmentId" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "experiment" TEXT NOT NULL DEFAULT '',
    "judgement" TEXT NOT NULL,
    "derived" TEXT,
    "overrideReason" TEXT NOT NULL DEFAULT '',
    "answers" JSONB NOT NULL DEFAULT '{}',
    "support" TEXT NOT NULL DEFAULT '',
    "firstJudgement" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RobRating_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "RobAssessment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ExtractionEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "studyId" TEXT NOT NULL,
    "reviewerId" TEXT,
    "consensus" BOOLEAN NOT NULL DEFAULT false,
    "formId" TEXT,
    "values" JSONB NOT NULL,
    "outcomeData" JSONB NOT NULL DEFAULT '{}',
    "decisions" JSONB NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'IN_PROGRESS',
    "submittedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ExtractionEntry_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExtractionEntry_formId_fkey" FOREIGN KEY ("formId") REFERENCES "ExtractionForm" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ExtractionEntry" ("consensus", "id", "reviewId", "reviewerId", "studyId", "updatedAt", "values") SELECT e."consensus", e."id", s."reviewId", e."reviewerId", e."studyId", e."updatedAt", e."values" FROM "ExtractionEntry" e JOIN "Study" s ON s."id" = e."studyId";
DROP TABLE "ExtractionEntry";
ALTER TABLE "new_ExtractionEntry" RENAME TO "ExtractionEntry";
CREATE INDEX "ExtractionEntry_reviewId_consensus_idx" ON "ExtractionEntry"("reviewId", "consensus");
CREATE UNIQUE INDEX "ExtractionEntry_studyId_reviewerId_consensus_key" ON "ExtractionEntry"("studyId", "reviewerId", "consensus");
CREATE TABLE "new_Analysis" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "timepoint" TEXT NOT NULL DEFAULT '',
    "measure" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "options" JSONB NOT NULL,
    "snapshot" JSONB,
    "snapshotAt" DATETIME,
    "grade" JSONB NOT NULL DEFAULT '{}',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Analysis_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Analysis" ("createdAt", "id", "measure", "method", "name", "options", "outcome", "reviewId") SELECT "createdAt", "id", "measure", "method", "name", "options", "outcome", "reviewId" FROM "Analysis";
DROP TABLE "Analysis";
ALTER TABLE "new_Analysis" RENAME TO "Analysis";
CREATE INDEX "Analysis_reviewId_idx" ON "Analysis"("reviewId");
CREATE UNIQUE INDEX "Analysis_reviewId_name_key" ON "Analysis"("reviewId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ExtractionForm_reviewId_version_key" ON "ExtractionForm"("reviewId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Outcome_reviewId_name_key" ON "Outcome"("reviewId", "name");

-- CreateIndex
CREATE INDEX "Digitisation_studyId_reviewerId_idx" ON "Digitisation"("studyId", "reviewerId");

-- CreateIndex
CREATE INDEX "RobAssessment_reviewId_consensus_idx" ON "RobAssessment"("reviewId", "consensus");

-- CreateIndex
CREATE UNIQUE INDEX "RobAssessment_studyId_raterId_consensus_key" ON "RobAssessment"("studyId", "raterId", "consensus");

-- CreateIndex
CREATE UNIQUE INDEX "RobRating_assessmentId_item_experiment_key" ON "RobRating"("assessmentId", "item", "experiment");

