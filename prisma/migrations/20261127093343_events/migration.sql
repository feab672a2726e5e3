-- CreateEnum
CREATE TYPE "EventStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'CLOSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "EventFormat" AS ENUM ('ONLINE', 'HYBRID');

-- CreateEnum
CREATE TYPE "AgendaStatus" AS ENUM ('NONE', 'DRAFT', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "RegistrationStatus" AS ENUM ('INVITED', 'PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "MeetingPriority" AS ENUM ('MUST', 'MEET');

-- CreateEnum
CREATE TYPE "MeetingRequestStatus" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "MeetingStatus" AS ENUM ('DRAFT', 'SCHEDULED', 'NEEDS_RESCHEDULE', 'CANCELLED', 'HELD', 'NO_SHOW');

-- CreateEnum
CREATE TYPE "MeetingOutcome" AS ENUM ('NO_INTENT', 'INTENT', 'SAMPLE', 'CONTRACT');

-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "format" "EventFormat" NOT NULL DEFAULT 'ONLINE',
    "venue" TEXT NOT NULL DEFAULT '',
    "timeZone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "days" TEXT[],
    "dayStart" TEXT NOT NULL,
    "dayEnd" TEXT NOT NULL,
    "meetingMinutes" INTEGER NOT NULL,
    "gapMinutes" INTEGER NOT NULL DEFAULT 0,
    "breaks" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "capacity" INTEGER NOT NULL,
    "minMeetings" INTEGER NOT NULL DEFAULT 0,
    "maxMeetings" INTEGER NOT NULL DEFAULT 8,
    "registrationOpensAt" TIMESTAMP(3) NOT NULL,
    "registrationClosesAt" TIMESTAMP(3) NOT NULL,
    "requestsCloseAt" TIMESTAMP(3) NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "status" "EventStatus" NOT NULL DEFAULT 'DRAFT',
    "agendaStatus" "AgendaStatus" NOT NULL DEFAULT 'NONE',
    "agendaPublishedAt" TIMESTAMP(3),
    "schedulerReport" JSONB,
    "hostId" TEXT,
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventRegistration" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "firmId" TEXT NOT NULL,
    "side" "DockingSide" NOT NULL,
    "status" "RegistrationStatus" NOT NULL DEFAULT 'PENDING',
    "pitch" TEXT NOT NULL DEFAULT '',
    "capabilityIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "demandIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "unavailableSlots" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "maxMeetings" INTEGER,
    "decisionNote" TEXT NOT NULL DEFAULT '',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "invitedById" TEXT,
    "registeredById" TEXT,
    "checkInToken" TEXT NOT NULL,
    "checkedInAt" TIMESTAMP(3),
    "calendarToken" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingRequest" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "fromFirmId" TEXT NOT NULL,
    "toFirmId" TEXT NOT NULL,
    "buyerFirmId" TEXT NOT NULL,
    "supplierFirmId" TEXT NOT NULL,
    "priority" "MeetingPriority" NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',
    "status" "MeetingRequestStatus" NOT NULL DEFAULT 'PENDING',
    "declineReason" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "onBehalfById" TEXT,
    "respondedById" TEXT,
    "respondedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MeetingRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "buyerFirmId" TEXT NOT NULL,
    "supplierFirmId" TEXT NOT NULL,
    "slotId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "status" "MeetingStatus" NOT NULL DEFAULT 'DRAFT',
    "locked" BOOLEAN NOT NULL DEFAULT false,
    "dockingSessionId" TEXT,
    "noShowFirmIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "outcome" "MeetingOutcome",
    "dealAmount" DECIMAL(16,2),
    "outcomeNote" TEXT NOT NULL DEFAULT '',
    "outcomeById" TEXT,
    "outcomeAt" TIMESTAMP(3),
    "remindedDayAt" TIMESTAMP(3),
    "remindedSoonAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Announcement" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Announcement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_EventClusters" (
    "A" TEXT NOT NULL,
    "B" TEXT NOT NULL,

    CONSTRAINT "_EventClusters_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE INDEX "Event_status_startsAt_idx" ON "Event"("status", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "EventRegistration_checkInToken_key" ON "EventRegistration"("checkInToken");

-- CreateIndex
CREATE UNIQUE INDEX "EventRegistration_calendarToken_key" ON "EventRegistration"("calendarToken");

-- CreateIndex
CREATE INDEX "EventRegistration_firmId_idx" ON "EventRegistration"("firmId");

-- CreateIndex
CREATE INDEX "EventRegistration_eventId_status_idx" ON "EventRegistration"("eventId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "EventRegistration_eventId_firmId_key" ON "EventRegistration"("eventId", "firmId");

-- CreateIndex
CREATE INDEX "MeetingRequest_eventId_fromFirmId_idx" ON "MeetingRequest"("eventId", "fromFirmId");

-- CreateIndex
CREATE INDEX "MeetingRequest_eventId_toFirmId_idx" ON "MeetingRequest"("eventId", "toFirmId");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingRequest_eventId_buyerFirmId_supplierFirmId_key" ON "MeetingRequest"("eventId", "buyerFirmId", "supplierFirmId");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_requestId_key" ON "Meeting"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_dockingSessionId_key" ON "Meeting"("dockingSessionId");

-- CreateIndex
CREATE INDEX "Meeting_eventId_slotId_idx" ON "Meeting"("eventId", "slotId");

-- CreateIndex
CREATE INDEX "Meeting_buyerFirmId_idx" ON "Meeting"("buyerFirmId");

-- CreateIndex
CREATE INDEX "Meeting_supplierFirmId_idx" ON "Meeting"("supplierFirmId");

-- CreateIndex
CREATE INDEX "Meeting_status_startsAt_idx" ON "Meeting"("status", "startsAt");

-- CreateIndex
CREATE INDEX "Announcement_eventId_createdAt_idx" ON "Announcement"("eventId", "createdAt");

-- CreateIndex
CREATE INDEX "_EventClusters_B_index" ON "_EventClusters"("B");

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventRegistration" ADD CONSTRAINT "EventRegistration_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventRegistration" ADD CONSTRAINT "EventRegistration_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingRequest" ADD CONSTRAINT "MeetingRequest_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "MeetingRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Announcement" ADD CONSTRAINT "Announcement_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_EventClusters" ADD CONSTRAINT "_EventClusters_A_fkey" FOREIGN KEY ("A") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_EventClusters" ADD CONSTRAINT "_EventClusters_B_fkey" FOREIGN KEY ("B") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

