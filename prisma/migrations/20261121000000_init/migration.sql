-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" DATETIME NOT NULL,
    "lockedUntil" DATETIME
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "question" TEXT NOT NULL DEFAULT '',
    "population" TEXT NOT NULL DEFAULT '',
    "intervention" TEXT NOT NULL DEFAULT '',
    "comparator" TEXT NOT NULL DEFAULT '',
    "outcomes" TEXT NOT NULL DEFAULT '',
    "studyDesigns" TEXT NOT NULL DEFAULT '',
    "registrationId" TEXT NOT NULL DEFAULT '',
    "inclusionCriteria" TEXT NOT NULL DEFAULT '',
    "exclusionCriteria" TEXT NOT NULL DEFAULT '',
    "settings" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Membership_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExclusionReason" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "stage" TEXT NOT NULL DEFAULT 'BOTH',
    "position" INTEGER NOT NULL,
    CONSTRAINT "ExclusionReason_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT,
    "actorId" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "action" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    CONSTRAINT "AuditEvent_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Search" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'DATABASE',
    "database" TEXT NOT NULL,
    "platform" TEXT NOT NULL DEFAULT '',
    "dateRun" DATETIME,
    "searchString" TEXT NOT NULL DEFAULT '',
    "reportedHits" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Search_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Import" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "searchId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "encoding" TEXT NOT NULL,
    "recordCount" INTEGER NOT NULL,
    "warnings" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Import_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Import_searchId_fkey" FOREIGN KEY ("searchId") REFERENCES "Search" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Record" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "importId" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "title" TEXT NOT NULL,
    "abstract" TEXT NOT NULL DEFAULT '',
    "authors" JSONB NOT NULL,
    "authorText" TEXT NOT NULL DEFAULT '',
    "year" INTEGER,
    "journal" TEXT NOT NULL DEFAULT '',
    "journalAbbrev" TEXT NOT NULL DEFAULT '',
    "volume" TEXT NOT NULL DEFAULT '',
    "issue" TEXT NOT NULL DEFAULT '',
    "pages" TEXT NOT NULL DEFAULT '',
    "doi" TEXT,
    "pmid" TEXT,
    "pmcid" TEXT,
    "issn" TEXT NOT NULL DEFAULT '',
    "keywords" JSONB NOT NULL,
    "mesh" JSONB NOT NULL,
    "language" TEXT NOT NULL DEFAULT '',
    "publicationType" TEXT NOT NULL DEFAULT '',
    "url" TEXT NOT NULL DEFAULT '',
    "sourceDatabase" TEXT NOT NULL DEFAULT '',
    "raw" JSONB NOT NULL,
    "duplicateGroupId" TEXT,
    "studyId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Record_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Record_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Record_duplicateGroupId_fkey" FOREIGN KEY ("duplicateGroupId") REFERENCES "DuplicateGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Record_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DuplicateGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "primaryRecordId" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "score" REAL NOT NULL,
    "reasons" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DuplicateGroup_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DuplicatePair" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "recordAId" TEXT NOT NULL,
    "recordBId" TEXT NOT NULL,
    "score" REAL NOT NULL,
    "reasons" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'POSSIBLE',
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    CONSTRAINT "DuplicatePair_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScreeningDecision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "firstDecision" TEXT NOT NULL,
    "reasonId" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ScreeningDecision_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScreeningDecision_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "Record" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScreeningResolution" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "reasonId" TEXT,
    "method" TEXT NOT NULL,
    "resolvedById" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "resolvedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ScreeningResolution_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScreeningResolution_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "Record" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FullText" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "recordId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "filePath" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FullText_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "Record" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Study" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Study_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExtractionEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "studyId" TEXT NOT NULL,
    "reviewerId" TEXT,
    "consensus" BOOLEAN NOT NULL DEFAULT false,
    "values" JSONB NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ExtractionEntry_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RiskOfBiasRating" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "studyId" TEXT NOT NULL,
    "reviewerId" TEXT,
    "consensus" BOOLEAN NOT NULL DEFAULT false,
    "domain" TEXT NOT NULL,
    "judgement" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RiskOfBiasRating_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Analysis" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "options" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Analysis_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FlowCount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "FlowCount_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Review_slug_key" ON "Review"("slug");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_reviewId_userId_role_key" ON "Membership"("reviewId", "userId", "role");

-- CreateIndex
CREATE INDEX "ExclusionReason_reviewId_position_idx" ON "ExclusionReason"("reviewId", "position");

-- CreateIndex
CREATE INDEX "AuditEvent_reviewId_at_idx" ON "AuditEvent"("reviewId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_reviewId_entity_idx" ON "AuditEvent"("reviewId", "entity");

-- CreateIndex
CREATE INDEX "AuditEvent_reviewId_actorId_idx" ON "AuditEvent"("reviewId", "actorId");

-- CreateIndex
CREATE INDEX "Search_reviewId_idx" ON "Search"("reviewId");

-- CreateIndex
CREATE INDEX "Import_reviewId_idx" ON "Import"("reviewId");

-- CreateIndex
CREATE INDEX "Record_reviewId_year_idx" ON "Record"("reviewId", "year");

-- CreateIndex
CREATE INDEX "Record_reviewId_doi_idx" ON "Record"("reviewId", "doi");

-- CreateIndex
CREATE INDEX "Record_reviewId_pmid_idx" ON "Record"("reviewId", "pmid");

-- CreateIndex
CREATE INDEX "Record_reviewId_duplicateGroupId_idx" ON "Record"("reviewId", "duplicateGroupId");

-- CreateIndex
CREATE INDEX "Record_importId_idx" ON "Record"("importId");

-- CreateIndex
CREATE INDEX "DuplicateGroup_reviewId_idx" ON "DuplicateGroup"("reviewId");

-- CreateIndex
CREATE INDEX "DuplicatePair_reviewId_status_idx" ON "DuplicatePair"("reviewId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "DuplicatePair_reviewId_recordAId_recordBId_key" ON "DuplicatePair"("reviewId", "recordAId", "recordBId");

-- CreateIndex
CREATE INDEX "ScreeningDecision_reviewId_stage_reviewerId_idx" ON "ScreeningDecision"("reviewId", "stage", "reviewerId");

-- CreateIndex
CREATE UNIQUE INDEX "ScreeningDecision_recordId_stage_reviewerId_key" ON "ScreeningDecision"("recordId", "stage", "reviewerId");

-- CreateIndex
CREATE INDEX "ScreeningResolution_reviewId_stage_outcome_idx" ON "ScreeningResolution"("reviewId", "stage", "outcome");

-- CreateIndex
CREATE UNIQUE INDEX "ScreeningResolution_recordId_stage_key" ON "ScreeningResolution"("recordId", "stage");

-- CreateIndex
CREATE UNIQUE INDEX "FullText_recordId_key" ON "FullText"("recordId");

-- CreateIndex
CREATE INDEX "Study_reviewId_idx" ON "Study"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "ExtractionEntry_studyId_reviewerId_consensus_key" ON "ExtractionEntry"("studyId", "reviewerId", "consensus");

-- CreateIndex
CREATE UNIQUE INDEX "RiskOfBiasRating_studyId_reviewerId_consensus_domain_key" ON "RiskOfBiasRating"("studyId", "reviewerId", "consensus", "domain");

-- CreateIndex
CREATE INDEX "Analysis_reviewId_idx" ON "Analysis"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "FlowCount_reviewId_field_key" ON "FlowCount"("reviewId", "field");

