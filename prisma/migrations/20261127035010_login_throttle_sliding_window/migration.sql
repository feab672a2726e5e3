-- AlterTable
ALTER TABLE "LoginThrottle" DROP COLUMN "failures",
DROP COLUMN "windowStart",
ADD COLUMN     "failureTimes" TIMESTAMP(3)[] DEFAULT ARRAY[]::TIMESTAMP(3)[];

