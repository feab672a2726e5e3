-- CreateEnum
CREATE TYPE "DockingStatus" AS ENUM ('PENDING', 'ACTIVE', 'DECLINED', 'EXPIRED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "DockingStage" AS ENUM ('INTENT', 'NEGOTIATION', 'SAMPLING', 'SIGNED', 'CLOSED');

-- CreateEnum
CREATE TYPE "DockingSide" AS ENUM ('BUYER', 'SUPPLIER', 'BUREAU');

-- CreateEnum
CREATE TYPE "MessageKind" AS ENUM ('TEXT', 'SYSTEM');

-- AlterTable
ALTER TABLE "Upload" ADD COLUMN     "messageId" TEXT;

-- CreateTable
CREATE TABLE "DockingSession" (
    "id" TEXT NOT NULL,
    "buyerFirmId" TEXT NOT NULL,
    "supplierFirmId" TEXT NOT NULL,
    "demandId" TEXT,
    "capabilityId" TEXT,
    "eventId" TEXT,
    "initiatorSide" "DockingSide" NOT NULL,
    "initiatedById" TEXT,
    "status" "DockingStatus" NOT NULL DEFAULT 'PENDING',
    "stage" "DockingStage" NOT NULL DEFAULT 'INTENT',
    "requestMessage" TEXT NOT NULL DEFAULT '',
    "declineReason" TEXT NOT NULL DEFAULT '',
    "closeReason" TEXT NOT NULL DEFAULT '',
    "dealAmount" DECIMAL(16,2),
    "dealNotes" TEXT NOT NULL DEFAULT '',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "reminderSentAt" TIMESTAMP(3),
    "respondedAt" TIMESTAMP(3),
    "respondedById" TEXT,
    "signedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "lastMessageSeq" INTEGER NOT NULL DEFAULT 0,
    "lastMessageAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DockingSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DockingMember" (
    "sessionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "side" "DockingSide" NOT NULL,
    "invitedById" TEXT,
    "lastReadSeq" INTEGER NOT NULL DEFAULT 0,
    "lastDigestSeq" INTEGER NOT NULL DEFAULT 0,
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DockingMember_pkey" PRIMARY KEY ("sessionId","userId")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "clientId" TEXT NOT NULL,
    "senderId" TEXT,
    "side" "DockingSide",
    "kind" "MessageKind" NOT NULL DEFAULT 'TEXT',
    "body" TEXT NOT NULL,
    "meta" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactConsent" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "firmId" TEXT NOT NULL,
    "userId" TEXT,
    "textVersion" TEXT NOT NULL,
    "ip" TEXT,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContactConsent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DockingStageChange" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "fromStage" "DockingStage",
    "toStage" "DockingStage" NOT NULL,
    "fromStatus" "DockingStatus",
    "toStatus" "DockingStatus" NOT NULL,
    "actorId" TEXT,
    "reason" TEXT NOT NULL DEFAULT '',
    "amount" DECIMAL(16,2),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DockingStageChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DockingSession_buyerFirmId_status_idx" ON "DockingSession"("buyerFirmId", "status");

-- CreateIndex
CREATE INDEX "DockingSession_supplierFirmId_status_idx" ON "DockingSession"("supplierFirmId", "status");

-- CreateIndex
CREATE INDEX "DockingSession_status_expiresAt_idx" ON "DockingSession"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "DockingSession_demandId_idx" ON "DockingSession"("demandId");

-- CreateIndex
CREATE INDEX "DockingSession_capabilityId_idx" ON "DockingSession"("capabilityId");

-- CreateIndex
CREATE INDEX "DockingSession_eventId_idx" ON "DockingSession"("eventId");

-- CreateIndex
CREATE INDEX "DockingMember_userId_idx" ON "DockingMember"("userId");

-- CreateIndex
CREATE INDEX "Message_senderId_idx" ON "Message"("senderId");

-- CreateIndex
CREATE UNIQUE INDEX "Message_sessionId_seq_key" ON "Message"("sessionId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Message_sessionId_clientId_key" ON "Message"("sessionId", "clientId");

-- CreateIndex
CREATE INDEX "ContactConsent_firmId_idx" ON "ContactConsent"("firmId");

-- CreateIndex
CREATE INDEX "ContactConsent_userId_idx" ON "ContactConsent"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ContactConsent_sessionId_firmId_key" ON "ContactConsent"("sessionId", "firmId");

-- CreateIndex
CREATE INDEX "DockingStageChange_sessionId_createdAt_idx" ON "DockingStageChange"("sessionId", "createdAt");

-- CreateIndex
CREATE INDEX "DockingStageChange_toStage_createdAt_idx" ON "DockingStageChange"("toStage", "createdAt");

-- CreateIndex
CREATE INDEX "Upload_messageId_idx" ON "Upload"("messageId");

-- AddForeignKey
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DockingSession" ADD CONSTRAINT "DockingSession_buyerFirmId_fkey" FOREIGN KEY ("buyerFirmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DockingSession" ADD CONSTRAINT "DockingSession_supplierFirmId_fkey" FOREIGN KEY ("supplierFirmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DockingSession" ADD CONSTRAINT "DockingSession_demandId_fkey" FOREIGN KEY ("demandId") REFERENCES "Demand"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DockingSession" ADD CONSTRAINT "DockingSession_capabilityId_fkey" FOREIGN KEY ("capabilityId") REFERENCES "Capability"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DockingSession" ADD CONSTRAINT "DockingSession_initiatedById_fkey" FOREIGN KEY ("initiatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DockingMember" ADD CONSTRAINT "DockingMember_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "DockingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DockingMember" ADD CONSTRAINT "DockingMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "DockingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_senderId_fkey" FOREIGN KEY ("senderId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactConsent" ADD CONSTRAINT "ContactConsent_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "DockingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactConsent" ADD CONSTRAINT "ContactConsent_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactConsent" ADD CONSTRAINT "ContactConsent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DockingStageChange" ADD CONSTRAINT "DockingStageChange_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "DockingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

