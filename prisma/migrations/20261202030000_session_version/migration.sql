-- Sessions carry the version they were signed in with; a password change or reset bumps it, which
-- ends every session signed in before (JWT sessions cannot be revoked any other way).
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
