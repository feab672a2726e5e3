-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'AUDITOR';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "deletedAt" TIMESTAMP(3);

-- 等保2.0: the audit log is append-only and kept for at least 180 days, whatever the application does.
CREATE FUNCTION "AuditLog_protect"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'AuditLog rows cannot be changed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'AuditLog cannot be truncated' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD."createdAt" > (now() AT TIME ZONE 'UTC') - INTERVAL '180 days' THEN
    RAISE EXCEPTION 'AuditLog rows are kept for at least 180 days' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END
$$;

CREATE TRIGGER "AuditLog_retention" BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION "AuditLog_protect"();

CREATE TRIGGER "AuditLog_no_truncate" BEFORE TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION "AuditLog_protect"();
