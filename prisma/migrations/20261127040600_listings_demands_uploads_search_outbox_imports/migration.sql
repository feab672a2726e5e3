-- CreateEnum
CREATE TYPE "CapabilityStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "DemandStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'CLOSED');

-- CreateEnum
CREATE TYPE "DemandSource" AS ENUM ('MANUAL', 'IMPORT', 'CHAIN_LEADER_LIST');

-- CreateEnum
CREATE TYPE "CapacityPeriod" AS ENUM ('DAY', 'MONTH', 'YEAR');

-- CreateEnum
CREATE TYPE "UploadKind" AS ENUM ('IMAGE', 'PDF');

-- CreateEnum
CREATE TYPE "OutboxOperation" AS ENUM ('UPSERT', 'DELETE');

-- CreateEnum
CREATE TYPE "ImportKind" AS ENUM ('CAPABILITY', 'DEMAND');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('PREVIEWED', 'RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "Capability" (
    "id" TEXT NOT NULL,
    "firmId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "clusterId" TEXT,
    "chainNodeId" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "specs" JSONB NOT NULL DEFAULT '[]',
    "certifications" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "capacityValue" DOUBLE PRECISION,
    "capacityUnit" TEXT NOT NULL DEFAULT '',
    "capacityPeriod" "CapacityPeriod",
    "moqValue" DOUBLE PRECISION,
    "moqUnit" TEXT NOT NULL DEFAULT '',
    "leadTimeDays" INTEGER,
    "priceMin" DOUBLE PRECISION,
    "priceMax" DOUBLE PRECISION,
    "priceUnit" TEXT NOT NULL DEFAULT '',
    "status" "CapabilityStatus" NOT NULL DEFAULT 'DRAFT',
    "publishedAt" TIMESTAMP(3),
    "hiddenAt" TIMESTAMP(3),
    "hiddenReason" TEXT NOT NULL DEFAULT '',
    "hiddenById" TEXT,
    "externalRef" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Capability_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Demand" (
    "id" TEXT NOT NULL,
    "firmId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "clusterId" TEXT,
    "chainNodeId" TEXT,
    "quantityValue" DOUBLE PRECISION,
    "quantityUnit" TEXT NOT NULL DEFAULT '',
    "budgetMin" DOUBLE PRECISION,
    "budgetMax" DOUBLE PRECISION,
    "budgetUnit" TEXT NOT NULL DEFAULT '',
    "requiredCertifications" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "deliveryRegionCode" TEXT,
    "deadline" TIMESTAMP(3),
    "status" "DemandStatus" NOT NULL DEFAULT 'DRAFT',
    "source" "DemandSource" NOT NULL DEFAULT 'MANUAL',
    "publishedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "hiddenAt" TIMESTAMP(3),
    "hiddenReason" TEXT NOT NULL DEFAULT '',
    "hiddenById" TEXT,
    "externalRef" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Demand_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Upload" (
    "id" TEXT NOT NULL,
    "firmId" TEXT NOT NULL,
    "uploaderId" TEXT NOT NULL,
    "kind" "UploadKind" NOT NULL,
    "mime" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "originalName" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "capabilityId" TEXT,
    "demandId" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Upload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchOutbox" (
    "id" BIGSERIAL NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "operation" "OutboxOperation" NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "processedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SearchOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportJob" (
    "id" TEXT NOT NULL,
    "kind" "ImportKind" NOT NULL,
    "firmId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "onBehalf" BOOLEAN NOT NULL DEFAULT false,
    "fileName" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'PREVIEWED',
    "rows" JSONB NOT NULL DEFAULT '[]',
    "rowErrors" JSONB NOT NULL DEFAULT '[]',
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Capability_firmId_status_idx" ON "Capability"("firmId", "status");

-- CreateIndex
CREATE INDEX "Capability_clusterId_idx" ON "Capability"("clusterId");

-- CreateIndex
CREATE INDEX "Capability_chainNodeId_idx" ON "Capability"("chainNodeId");

-- CreateIndex
CREATE INDEX "Capability_status_updatedAt_idx" ON "Capability"("status", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Capability_firmId_externalRef_key" ON "Capability"("firmId", "externalRef");

-- CreateIndex
CREATE INDEX "Demand_firmId_status_idx" ON "Demand"("firmId", "status");

-- CreateIndex
CREATE INDEX "Demand_clusterId_idx" ON "Demand"("clusterId");

-- CreateIndex
CREATE INDEX "Demand_chainNodeId_idx" ON "Demand"("chainNodeId");

-- CreateIndex
CREATE INDEX "Demand_status_updatedAt_idx" ON "Demand"("status", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Demand_firmId_externalRef_key" ON "Demand"("firmId", "externalRef");

-- CreateIndex
CREATE UNIQUE INDEX "Upload_storageKey_key" ON "Upload"("storageKey");

-- CreateIndex
CREATE INDEX "Upload_firmId_idx" ON "Upload"("firmId");

-- CreateIndex
CREATE INDEX "Upload_uploaderId_idx" ON "Upload"("uploaderId");

-- CreateIndex
CREATE INDEX "Upload_capabilityId_idx" ON "Upload"("capabilityId");

-- CreateIndex
CREATE INDEX "Upload_demandId_idx" ON "Upload"("demandId");

-- CreateIndex
CREATE INDEX "SearchOutbox_processedAt_nextAttemptAt_idx" ON "SearchOutbox"("processedAt", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "SearchOutbox_entity_entityId_idx" ON "SearchOutbox"("entity", "entityId");

-- CreateIndex
CREATE INDEX "ImportJob_firmId_createdAt_idx" ON "ImportJob"("firmId", "createdAt");

-- CreateIndex
CREATE INDEX "ImportJob_actorId_idx" ON "ImportJob"("actorId");

-- AddForeignKey
ALTER TABLE "Capability" ADD CONSTRAINT "Capability_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Capability" ADD CONSTRAINT "Capability_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Capability" ADD CONSTRAINT "Capability_chainNodeId_fkey" FOREIGN KEY ("chainNodeId") REFERENCES "ChainNode"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Demand" ADD CONSTRAINT "Demand_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Demand" ADD CONSTRAINT "Demand_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Demand" ADD CONSTRAINT "Demand_chainNodeId_fkey" FOREIGN KEY ("chainNodeId") REFERENCES "ChainNode"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_uploaderId_fkey" FOREIGN KEY ("uploaderId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_capabilityId_fkey" FOREIGN KEY ("capabilityId") REFERENCES "Capability"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_demandId_fkey" FOREIGN KEY ("demandId") REFERENCES "Demand"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportJob" ADD CONSTRAINT "ImportJob_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportJob" ADD CONSTRAINT "ImportJob_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

