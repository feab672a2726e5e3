import type { AgendaStatus, EventFormat, EventStatus, MeetingOutcome, MeetingStatus } from '@prisma/client'
import ExcelJS from 'exceljs'
import { addRow, attachmentDisposition, header, type CellInput, xlsxBuffer } from '#app/utils/excel.server'
import { audit, type Actor } from '#app/modules/audit/audit.server'
import { prisma } from '#app/utils/db.server'
import { buildEventReport, meetingCluster, type EventReport, type ReportMeetingInput } from './report'
import { formatLocal } from './slots'

// Loads what the post-event report needs (organizer only: callers check the role) and hands it to
// the pure aggregation in report.ts.

export type EventReportView = EventReport & {
	event: {
		id: string
		title: string
		status: EventStatus
		agendaStatus: AgendaStatus
		format: EventFormat
		venue: string
		days: string[]
		startsAt: string
		endsAt: string
		/** Theme clusters, in cluster order. */
		clusters: string[]
	}
	/** When the report was made, "YYYY-MM-DD HH:MM" Asia/Shanghai. */
	generatedAt: string
}

/** The report of an event, or null when there is no such event. */
export async function getEventReport(eventId: string, now = new Date()): Promise<EventReportView | null> {
	const event = await prisma.event.findUnique({
		where: { id: eventId },
		select: {
			id: true,
			title: true,
			status: true,
			agendaStatus: true,
			format: true,
			venue: true,
			days: true,
			startsAt: true,
			endsAt: true,
			clusters: { select: { name: true }, orderBy: { sortOrder: 'asc' } },
		},
	})
	if (!event) return null

	const [meetings, registrations] = await Promise.all([
		prisma.meeting.findMany({
			where: { eventId },
			select: {
				id: true,
				status: true,
				outcome: true,
				dealAmount: true,
				outcomeNote: true,
				noShowFirmIds: true,
				buyerFirmId: true,
				supplierFirmId: true,
				startsAt: true,
				endsAt: true,
			},
			orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
		}),
		prisma.eventRegistration.groupBy({
			by: ['side'],
			where: { eventId, status: 'APPROVED' },
			_count: { _all: true, checkedInAt: true },
		}),
	])

	const firmIds = [...new Set(meetings.flatMap((m) => [m.buyerFirmId, m.supplierFirmId]))]
	const firms = await prisma.firm.findMany({
		where: { id: { in: firmIds } },
		select: { id: true, name: true, clusters: { select: { name: true }, orderBy: { sortOrder: 'asc' } } },
	})
	const firmById = new Map(firms.map((f) => [f.id, f]))
	const themes = event.clusters.map((c) => c.name)

	const rows: ReportMeetingInput[] = meetings.map((m) => {
		const buyer = firmById.get(m.buyerFirmId)
		const supplier = firmById.get(m.supplierFirmId)
		return {
			id: m.id,
			status: m.status,
			outcome: m.outcome,
			dealAmount: m.dealAmount === null ? null : m.dealAmount.toFixed(2),
			outcomeNote: m.outcomeNote,
			noShowFirmIds: m.noShowFirmIds,
			buyerFirmId: m.buyerFirmId,
			buyerName: buyer?.name ?? '—',
			supplierFirmId: m.supplierFirmId,
			supplierName: supplier?.name ?? '—',
			clusterName: meetingCluster(supplier?.clusters.map((c) => c.name) ?? [], themes),
			startsAt: m.startsAt,
			timeLabel: `${formatLocal(m.startsAt)}–${formatLocal(m.endsAt).slice(11)}`,
		}
	})
	const count = (side: 'BUYER' | 'SUPPLIER') => registrations.find((r) => r.side === side)?._count
	const report = buildEventReport({
		meetings: rows,
		registrations: {
			buyers: count('BUYER')?._all ?? 0,
			suppliers: count('SUPPLIER')?._all ?? 0,
			checkedIn: registrations.reduce((sum, r) => sum + r._count.checkedInAt, 0),
		},
	})
	return {
		...report,
		event: {
			id: event.id,
			title: event.title,
			status: event.status,
			agendaStatus: event.agendaStatus,
			format: event.format,
			venue: event.venue,
			days: event.days,
			startsAt: event.startsAt.toISOString(),
			endsAt: event.endsAt.toISOString(),
			clusters: themes,
		},
		generatedAt: formatLocal(now),
	}
}

/** Records that a bureau user downloaded the report workbook. */
export async function auditReportExport(
	actor: Actor,
	eventId: string,
	meta: { ip: string | null },
	detail: { meetings: number },
) {
	await prisma.$transaction((tx) =>
		audit(tx, {
			actor,
			action: 'event.report.export',
			targetType: 'Event',
			targetId: eventId,
			ip: meta.ip,
			detail,
		}),
	)
}

// The workbook (导出 Excel). A file, not UI, so its labels are plain Chinese like the notification texts.

const STATUS_LABEL: Record<MeetingStatus, string> = {
	DRAFT: '草稿',
	SCHEDULED: '已排期',
	NEEDS_RESCHEDULE: '待改期',
	CANCELLED: '已取消',
	HELD: '已举行',
	NO_SHOW: '爽约',
}
const OUTCOME_LABEL: Record<MeetingOutcome, string> = {
	NO_INTENT: '无意向',
	INTENT: '有意向',
	SAMPLE: '送样',
	CONTRACT: '签约',
}
const EVENT_STATUS_LABEL: Record<EventStatus, string> = {
	DRAFT: '草稿',
	PUBLISHED: '已发布',
	CLOSED: '已结束',
	CANCELLED: '已取消',
}

/** The report as an .xlsx workbook: 概览, 按产业链, 会谈明细. */
export async function buildReportWorkbook(view: EventReportView): Promise<Buffer> {
	const { totals } = view
	const workbook = new ExcelJS.Workbook()
	workbook.creator = '咸宁–武汉 产业链供需对接平台'
	workbook.created = new Date()

	const overview = workbook.addWorksheet('概览')
	header(overview, ['指标', '数值'], [28, 40])
	const kpis: Array<[string, CellInput]> = [
		['对接会', view.event.title],
		['状态', EVENT_STATUS_LABEL[view.event.status]],
		['时间', `${formatLocal(view.event.startsAt)} 至 ${formatLocal(view.event.endsAt)}`],
		['主题产业链', view.event.clusters.join('、')],
		['报名通过企业（采购方）', totals.registered.buyers],
		['报名通过企业（供应方）', totals.registered.suppliers],
		['报名通过企业（合计）', totals.registered.total],
		['签到企业', totals.checkedIn],
		['计划会谈', totals.planned],
		['实际举行', totals.held],
		['爽约', totals.noShow],
		['爽约率', { rate: totals.noShowRate }],
		['达成意向（含送样、签约）', totals.intents],
		['送样', totals.samples],
		['签约', totals.contracts],
		['签约金额（元）', { amount: totals.contractAmount }],
		['未计入：排期草稿', totals.excluded.draft],
		['未计入：已取消', totals.excluded.cancelled],
		['未计入：待改期', totals.excluded.needsReschedule],
		['报告生成时间', view.generatedAt],
	]
	for (const [label, value] of kpis) addRow(overview, [label, value])

	const clusters = workbook.addWorksheet('按产业链')
	header(
		clusters,
		['产业链', '计划会谈', '实际举行', '达成意向', '签约', '签约金额（元）'],
		[28, 12, 12, 12, 10, 18],
	)
	for (const c of view.byCluster)
		addRow(clusters, [c.cluster, c.planned, c.held, c.intents, c.contracts, { amount: c.amount }])
	addRow(clusters, [
		'合计',
		totals.planned,
		totals.held,
		totals.intents,
		totals.contracts,
		{ amount: totals.contractAmount },
	]).font = {
		bold: true,
	}

	const detail = workbook.addWorksheet('会谈明细')
	header(
		detail,
		['时间', '采购方', '供应方', '产业链', '状态', '结果', '签约金额（元）', '爽约企业', '备注'],
		[24, 28, 28, 18, 10, 10, 16, 28, 40],
	)
	for (const m of view.meetings)
		addRow(detail, [
			m.timeLabel,
			m.buyerName,
			m.supplierName,
			m.clusterName,
			m.held ? STATUS_LABEL.HELD : STATUS_LABEL[m.status],
			m.outcome ? OUTCOME_LABEL[m.outcome] : '',
			m.dealAmount === null ? null : { amount: m.dealAmount },
			m.noShowNames.join('、'),
			m.outcomeNote,
		])
	return xlsxBuffer(workbook)
}

/**
 * Content-Disposition for `对接会报告-<title>.xlsx`: an RFC 5987 UTF-8 filename* plus an ASCII
 * filename for clients that ignore it. Characters no file system takes become "_".
 */
export function reportContentDisposition(title: string, eventId: string) {
	const safeTitle = title.toWellFormed().trim().slice(0, 80) || eventId
	return attachmentDisposition(`对接会报告-${safeTitle}.xlsx`, `event-report-${eventId}.xlsx`)
}
