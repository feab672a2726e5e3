import ExcelJS from 'exceljs'
import { audit, type Actor } from '#app/modules/audit/audit.server'
import { prisma } from '#app/utils/db.server'
import {
	addRow,
	attachmentDisposition,
	header as headerRow,
	type CellInput,
	xlsxBuffer,
} from '#app/utils/excel.server'
import {
	FIGURE_DEFINITIONS,
	FIGURE_KEYS,
	FIGURE_LABELS,
	STAGES,
	type FigureKey,
	type Figures,
} from './monitor'
import type { MonitorData } from './monitor.server'

// The dashboard as an .xlsx workbook: every table of the page, one sheet each. Plain-text cells (never
// formulas), numbers as numbers, amounts exact, rates as percentages. Labels in Chinese like the page.

function header(sheet: ExcelJS.Worksheet, labels: string[], widths: number[]) {
	headerRow(sheet, labels, widths, { freezeFirstColumn: true })
}

/** The cell of a figure: numbers, exact amounts, rates; hours rounded to 0.1; missing values empty. */
export function figureCell(key: FigureKey, f: Figures): CellInput {
	if (key === 'amount') return { amount: f.amount }
	if (key === 'localRatio') return f.localRatio === null ? null : { rate: f.localRatio }
	if (key === 'responseMedianHours' || key === 'responseP90Hours') {
		const v = f[key]
		return v === null ? null : Math.round(v * 10) / 10
	}
	return f[key]
}

const STAGE_LABEL = { INTENT: '意向', NEGOTIATION: '洽谈', SAMPLING: '送样', SIGNED: '签约', CLOSED: '关闭' }

function figureSheet(
	workbook: ExcelJS.Workbook,
	name: string,
	first: string,
	rows: Array<{ name: string; figures: Figures }>,
	total?: Figures,
) {
	const sheet = workbook.addWorksheet(name)
	header(sheet, [first, ...FIGURE_KEYS.map((k) => FIGURE_LABELS[k])], [22, 12])
	for (const row of rows) addRow(sheet, [row.name, ...FIGURE_KEYS.map((k) => figureCell(k, row.figures))])
	if (total) addRow(sheet, ['合计', ...FIGURE_KEYS.map((k) => figureCell(k, total))]).font = { bold: true }
	return sheet
}

/** 概览, 按产业链, 按区县, 月度趋势, 对接阶段, 口径说明. */
export async function buildMonitorWorkbook(data: MonitorData, generatedAt: string): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook()
	workbook.creator = '咸宁–武汉 产业链供需对接平台'
	workbook.created = new Date()
	const { totals } = data

	const overview = workbook.addWorksheet('概览')
	header(overview, ['指标', '数值', '口径'], [26, 18, 100])
	addRow(overview, ['期间', data.period.label, ''])
	addRow(overview, ['产业链', data.cluster?.name ?? '全部', ''])
	addRow(overview, ['区县', data.county?.name ?? '全部', ''])
	for (const key of FIGURE_KEYS)
		addRow(overview, [FIGURE_LABELS[key], figureCell(key, totals), FIGURE_DEFINITIONS[key]])
	addRow(overview, ['其中：对接会话签约', totals.dockingContracts, ''])
	addRow(overview, ['其中：对接会话签约金额（元）', { amount: totals.dockingAmount }, ''])
	addRow(overview, ['其中：对接会会谈签约', totals.meetingContracts, ''])
	addRow(overview, ['其中：对接会会谈签约金额（元）', { amount: totals.meetingAmount }, ''])
	addRow(overview, ['已响应需求', totals.responded, ''])
	addRow(overview, ['武汉需求', totals.wuhanDemands, ''])
	addRow(overview, ['其中与咸宁供应方签约', totals.localSigned, ''])
	addRow(overview, ['生成时间（北京时间）', generatedAt, ''])

	figureSheet(workbook, '按产业链', '产业链', data.byCluster, totals)
	figureSheet(workbook, '按区县', '区县', data.byCounty)
	figureSheet(
		workbook,
		'月度趋势',
		'月份',
		data.series.map((s) => ({ name: s.month, figures: s.figures })),
	)

	const stages = workbook.addWorksheet('对接阶段')
	header(stages, ['环节', '数量', '说明'], [16, 12, 80])
	addRow(stages, ['匹配', totals.suggestions, FIGURE_DEFINITIONS.suggestions])
	addRow(stages, ['对接', totals.dockings, FIGURE_DEFINITIONS.dockings])
	addRow(stages, ['送样', totals.reachedSampling, FIGURE_DEFINITIONS.reachedSampling])
	addRow(stages, ['签约', totals.reachedSigned, FIGURE_DEFINITIONS.reachedSigned])
	for (const stage of STAGES)
		addRow(stages, [`当前阶段：${STAGE_LABEL[stage]}`, totals.stages[stage], '期内发起的对接会话按当前阶段'])

	return xlsxBuffer(workbook)
}

/** Content-Disposition for `产业链监测-<period>.xlsx` (RFC 5987 filename* plus an ASCII fallback). */
export function monitorContentDisposition(data: MonitorData) {
	return attachmentDisposition(`产业链监测-${data.period.label}.xlsx`, `monitor-${data.period.from}.xlsx`)
}

/** Records that a bureau user downloaded the dashboard workbook. */
export async function auditMonitorExport(
	actor: Actor,
	ip: string | null,
	detail: Record<string, string | null>,
) {
	await prisma.$transaction((tx) =>
		audit(tx, { actor, action: 'monitor.export', targetType: 'Monitor', targetId: 'dashboard', ip, detail }),
	)
}
