-- CreateEnum
CREATE TYPE "TargetListStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'CLOSED');

-- CreateTable
CREATE TABLE "TargetList" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "clusterId" TEXT,
    "ownerFirmId" TEXT,
    "createdById" TEXT,
    "status" "TargetListStatus" NOT NULL DEFAULT 'DRAFT',
    "publishedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TargetList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TargetListItem" (
    "id" TEXT NOT NULL,
    "listId" TEXT NOT NULL,
    "demandId" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "closedAt" TIMESTAMP(3),
    "closeReason" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TargetListItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TargetList_ownerFirmId_status_idx" ON "TargetList"("ownerFirmId", "status");

-- CreateIndex
CREATE INDEX "TargetList_status_publishedAt_idx" ON "TargetList"("status", "publishedAt");

-- CreateIndex
CREATE INDEX "TargetList_clusterId_idx" ON "TargetList"("clusterId");

-- CreateIndex
CREATE INDEX "TargetListItem_demandId_idx" ON "TargetListItem"("demandId");

-- CreateIndex
CREATE UNIQUE INDEX "TargetListItem_listId_demandId_key" ON "TargetListItem"("listId", "demandId");

-- CreateIndex
CREATE INDEX "FollowUp_itemId_createdAt_idx" ON "FollowUp"("itemId", "createdAt");

-- CreateIndex
CREATE INDEX "FollowUp_createdAt_idx" ON "FollowUp"("createdAt");

-- AddForeignKey
ALTER TABLE "TargetList" ADD CONSTRAINT "TargetList_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetList" ADD CONSTRAINT "TargetList_ownerFirmId_fkey" FOREIGN KEY ("ownerFirmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetList" ADD CONSTRAINT "TargetList_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetListItem" ADD CONSTRAINT "TargetListItem_listId_fkey" FOREIGN KEY ("listId") REFERENCES "TargetList"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetListItem" ADD CONSTRAINT "TargetListItem_demandId_fkey" FOREIGN KEY ("demandId") REFERENCES "Demand"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "TargetListItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

