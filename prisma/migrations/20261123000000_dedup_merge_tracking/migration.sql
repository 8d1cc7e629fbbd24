-- AlterTable
ALTER TABLE "DuplicateGroup" ADD COLUMN "filled" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Record" ADD COLUMN "dedupCheckedAt" DATETIME;
