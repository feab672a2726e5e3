import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import {
	agendaCalendar,
	agendaFileHeader,
	buildCalendar,
	escapeText,
	foldLine,
	formatUtc,
	sanitizeText,
	unescapeText,
	unfold,
	type AgendaMeeting,
	type IcsEvent,
} from '#app/modules/events/ics'

// The iCalendar writer (RFC 5545): structure of a firm's agenda, TEXT escaping, and folding at 75
// octets of UTF-8, checked on the Big List of Naughty Strings and on Chinese text.

const BLNS_DIR = path.resolve('../shared/data/blns')
const blns = JSON.parse(readFileSync(path.join(BLNS_DIR, 'blns.json'), 'utf8')) as string[]
// The base64 list also holds control characters and byte sequences that are not UTF-8 on purpose;
// decoding replaces the invalid bytes with U+FFFD, as a request body parser would.
const blnsBytes = (JSON.parse(readFileSync(path.join(BLNS_DIR, 'blns.base64.json'), 'utf8')) as string[]).map(
	(b) => Buffer.from(b, 'base64').toString('utf8'),
)
const chinese = [
	'赤壁车联电子有限公司',
	'咸宁市'.repeat(40),
	'5000吨 IATF１６９４９ 光模块外壳；连接器，线束\\测试',
	'👩‍👩‍👧‍👦🇨🇳'.repeat(12),
	'a' + '中'.repeat(30) + '😀'.repeat(20),
	'湖北省咸宁市咸安区\r\n第二行\r第三行\n第四行',
]
const naughty = [...blns, ...blnsBytes, ...chinese]

const OTHER_CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8')

function event(overrides: Partial<IcsEvent> = {}): IcsEvent {
	return {
		uid: 'm1@xnwh',
		start: new Date('2026-12-10T01:00:00Z'),
		end: new Date('2026-12-10T01:30:00Z'),
		summary: '对接会会谈：武汉光澜通信技术有限公司',
		description: '第一行\n第二行',
		location: '线上会谈室',
		url: 'https://xnwh.example.cn/events/e1/agenda#meeting-m1',
		status: 'CONFIRMED',
		sequence: 0,
		alarms: ['-P1D', '-PT15M'],
		...overrides,
	}
}

/** Logical lines of one property (name up to ':' without parameters). */
function values(calendar: string, name: string) {
	return unfold(calendar)
		.filter((l) => l.startsWith(`${name}:`))
		.map((l) => l.slice(name.length + 1))
}

function checkPhysicalLines(calendar: string) {
	expect(calendar.endsWith('\r\n')).toBe(true)
	const physical = calendar.slice(0, -2).split('\r\n')
	// No bare CR or LF anywhere (every line break is a CRLF), at most 75 octets, and a break never
	// falls inside a character (a split surrogate pair would be ill-formed).
	const bad = physical.filter((line) => /[\r\n]/.test(line) || utf8(line) > 75 || !line.isWellFormed())
	expect(bad).toEqual([])
	return physical
}

describe('TEXT escaping', () => {
	test('escapes backslash, semicolon, comma and newlines', () => {
		expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne')
		expect(escapeText('x\r\ny\rz')).toBe('x\\ny\\nz')
		expect(escapeText('tab\tkept: "quoted"')).toBe('tab\tkept: "quoted"')
	})

	test('strips other control characters and mends lone surrogates', () => {
		expect(escapeText('a\u0000b\u0007c\u001Bd\u007Fe\u0085f')).toBe('abcdef')
		expect(escapeText('x\uD800y')).toBe('x\uFFFDy')
	})

	test('unescaping gives back the sanitized text, also for literal "\\n"', () => {
		for (const s of ['\\n', '\\\\n', 'a\\;b', ';;,,\\\\', '\n\n']) expect(unescapeText(escapeText(s))).toBe(s)
		expect(unescapeText('A\\NB')).toBe('A\nB')
	})
})

describe('folding', () => {
	test('short lines stay as they are', () => {
		const line = 'SUMMARY:' + 'a'.repeat(67)
		expect(utf8(line)).toBe(75)
		expect(foldLine(line)).toBe(line)
	})

	test('ASCII folds at exactly 75 octets, continuation lines carry one leading space', () => {
		const line = 'DESCRIPTION:' + 'x'.repeat(300)
		const folded = foldLine(line).split('\r\n')
		expect(utf8(folded[0]!)).toBe(75)
		for (const l of folded.slice(1)) {
			expect(l.startsWith(' ')).toBe(true)
			expect(utf8(l)).toBeLessThanOrEqual(75)
		}
		expect(unfold(`${foldLine(line)}\r\n`)).toEqual([line])
	})

	test('multi-byte characters are never split', () => {
		for (const value of ['中'.repeat(100), '😀'.repeat(60), 'ab' + 'é'.repeat(80), '一😀a'.repeat(40)]) {
			const line = `SUMMARY:${value}`
			const folded = foldLine(line)
			for (const l of folded.split('\r\n')) {
				expect(utf8(l)).toBeLessThanOrEqual(75)
				expect(l.isWellFormed()).toBe(true)
			}
			expect(unfold(`${folded}\r\n`)).toEqual([line])
		}
	})

	test('an escape pair stays on one line', () => {
		const value = escapeText(';'.repeat(100))
		const folded = foldLine(`SUMMARY:${value}`).split('\r\n')
		for (const l of folded) expect(l.replace(/^ /, '')).toMatch(/^(SUMMARY:)?(\\;)*$/)
	})
})

describe('calendar structure', () => {
	test('VCALENDAR header, one VEVENT with UTC times and two display alarms', () => {
		const ics = buildCalendar({
			name: '秋季对接会',
			stamp: new Date('2026-12-01T08:30:05.123Z'),
			events: [event()],
		})
		const lines = unfold(ics)
		expect(lines.slice(0, 5)).toEqual([
			'BEGIN:VCALENDAR',
			expect.stringMatching(/^PRODID:-\/\/.+\/\/ZH$/),
			'VERSION:2.0',
			'CALSCALE:GREGORIAN',
			'METHOD:PUBLISH',
		])
		expect(lines).toContain('X-WR-CALNAME:秋季对接会')
		expect(lines).toContain('X-WR-TIMEZONE:Asia/Shanghai')
		expect(lines).toContain('UID:m1@xnwh')
		expect(lines).toContain('DTSTAMP:20261201T083005Z')
		expect(lines).toContain('DTSTART:20261210T010000Z')
		expect(lines).toContain('DTEND:20261210T013000Z')
		expect(lines).toContain('STATUS:CONFIRMED')
		expect(lines).toContain('SEQUENCE:0')
		expect(lines).toContain('DESCRIPTION:第一行\\n第二行')
		expect(lines.filter((l) => l === 'BEGIN:VALARM')).toHaveLength(2)
		expect(lines.filter((l) => l.startsWith('TRIGGER:'))).toEqual(['TRIGGER:-P1D', 'TRIGGER:-PT15M'])
		expect(lines.filter((l) => l === 'ACTION:DISPLAY')).toHaveLength(2)
		expect(lines.at(-1)).toBe('END:VCALENDAR')
		// BEGIN/END nest properly.
		const stack: string[] = []
		for (const l of lines) {
			if (l.startsWith('BEGIN:')) stack.push(l.slice(6))
			if (l.startsWith('END:')) expect(stack.pop()).toBe(l.slice(4))
		}
		expect(stack).toEqual([])
		checkPhysicalLines(ics)
	})

	test('formatUtc drops separators and milliseconds', () => {
		expect(formatUtc(new Date('2026-01-02T03:04:05.999Z'))).toBe('20260102T030405Z')
	})

	test('rejects a malformed alarm trigger', () => {
		expect(() =>
			buildCalendar({ name: 'x', stamp: new Date(), events: [event({ alarms: ['P1D\r\nX:1'] })] }),
		).toThrow()
	})

	test('agenda: summary, description, location, link; cancelled meetings without alarms', () => {
		const base = {
			startsAt: new Date('2026-12-10T01:00:00Z'),
			endsAt: new Date('2026-12-10T01:30:00Z'),
			createdAt: new Date('2026-12-01T00:00:00Z'),
		}
		const meetings: AgendaMeeting[] = [
			{
				...base,
				id: 'm1',
				status: 'SCHEDULED',
				updatedAt: new Date('2026-12-01T00:00:42Z'),
				side: 'SUPPLIER',
				counterpart: '武汉光澜通信技术有限公司',
			},
			{
				...base,
				id: 'm2',
				status: 'NEEDS_RESCHEDULE',
				updatedAt: base.createdAt,
				side: 'BUYER',
				counterpart: '赤壁车联电子',
			},
			{
				...base,
				id: 'm3',
				status: 'CANCELLED',
				updatedAt: base.createdAt,
				side: 'BUYER',
				counterpart: '咸安精工',
			},
		]
		const ics = agendaCalendar({
			event: { id: 'e1', title: '光芯屏端网专场', format: 'ONLINE', venue: '', status: 'PUBLISHED' },
			firmName: '赤壁车联电子有限公司',
			meetings,
			origin: 'https://xnwh.example.cn',
			stamp: new Date('2026-12-02T00:00:00Z'),
		})
		checkPhysicalLines(ics)
		expect(values(ics, 'UID')).toEqual(['m1@xnwh', 'm2@xnwh', 'm3@xnwh'])
		expect(values(ics, 'STATUS')).toEqual(['CONFIRMED', 'CANCELLED', 'CANCELLED'])
		expect(values(ics, 'SEQUENCE')).toEqual(['42', '0', '0'])
		expect(values(ics, 'TRIGGER')).toEqual(['-P1D', '-PT15M'])
		const summaries = values(ics, 'SUMMARY').map(unescapeText)
		expect(summaries[0]).toBe('对接会会谈：武汉光澜通信技术有限公司')
		expect(summaries[1]).toContain('待重新安排')
		expect(summaries[2]).toContain('已取消')
		const link = 'https://xnwh.example.cn/events/e1/agenda#meeting-m1'
		expect(values(ics, 'URL')[0]).toBe(link)
		expect(unescapeText(values(ics, 'LOCATION')[0]!)).toBe(`线上会谈室 ${link}`)
		const description = unescapeText(values(ics, 'DESCRIPTION')[0]!)
		expect(description).toContain('对接会：光芯屏端网专场')
		expect(description).toContain('对方企业：武汉光澜通信技术有限公司（采购方）')
		expect(description).toContain('我方身份：供应方')
		expect(description).toContain('2026-12-10 09:00–09:30（北京时间）')
		expect(description).toContain(`会谈室：${link}`)
		expect(unescapeText(values(ics, 'X-WR-CALNAME')[0]!)).toBe(
			'光芯屏端网专场 · 赤壁车联电子有限公司 会谈日程',
		)

		const hybrid = agendaCalendar({
			event: { id: 'e1', title: 'x', format: 'HYBRID', venue: '咸宁市会展中心 A 厅', status: 'CANCELLED' },
			firmName: 'f',
			meetings: meetings.slice(0, 1),
			origin: 'https://xnwh.example.cn',
			stamp: new Date(),
		})
		expect(values(hybrid, 'LOCATION')).toEqual(['咸宁市会展中心 A 厅'])
		expect(values(hybrid, 'STATUS')).toEqual(['CANCELLED'])
		expect(values(hybrid, 'TRIGGER')).toEqual([])
	})

	test('Content-Disposition has an ASCII fallback and the UTF-8 name', () => {
		const header = agendaFileHeader('秋季"对接会"/第一场\r\n')
		expect(header).toMatch(/^attachment; filename="agenda\.ics"; filename\*=UTF-8''[\x21-\x7e]+$/)
		expect(decodeURIComponent(header.split("''")[1]!)).toBe('秋季 对接会  第一场-会谈日程.ics')
	})
})

describe('naughty strings', () => {
	test('the lists are there', () => {
		expect(blns).toHaveLength(515)
		expect(blnsBytes).toHaveLength(676)
		expect(blnsBytes.some((s) => OTHER_CONTROLS.test(s))).toBe(true)
	})

	test('every string survives as SUMMARY, DESCRIPTION, LOCATION and calendar name', () => {
		let exact = 0
		for (const s of naughty) {
			const ics = buildCalendar({
				name: s,
				stamp: new Date('2026-12-01T00:00:00Z'),
				events: [event({ summary: s, description: `${s}\n${s}`, location: s })],
			})
			const physical = checkPhysicalLines(ics)
			// Unfolding restores the exact escaped text.
			const summaryLine = unfold(ics).find((l) => l.startsWith('SUMMARY:'))!
			expect(summaryLine).toBe(`SUMMARY:${escapeText(s)}`)
			expect(physical.join('\r\n').replace(/\r\n /g, '')).toContain(summaryLine)
			const expected = sanitizeText(s)
			for (const [name, want] of [
				['SUMMARY', expected],
				['LOCATION', expected],
				['X-WR-CALNAME', expected],
				['DESCRIPTION', `${expected}\n${expected}`],
			] as const) {
				const value = values(ics, name)[0]!
				// No raw control characters, and every special character is escaped.
				expect(value).not.toMatch(/[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/)
				expect(value.replace(/\\[\\;,n]/g, '')).not.toMatch(/[\\;,]/)
				expect(unescapeText(value)).toBe(want)
			}
			// A well-formed string without control characters comes back exactly.
			const wellFormed = s.toWellFormed()
			if (!OTHER_CONTROLS.test(wellFormed) && !wellFormed.includes('\r')) {
				expect(expected).toBe(wellFormed)
				exact++
			} else {
				expect(expected).toBe(
					wellFormed.replace(/\r\n?/g, '\n').replace(new RegExp(OTHER_CONTROLS, 'gu'), ''),
				)
			}
			// The alarm descriptions repeat the summary.
			expect(values(ics, 'DESCRIPTION').slice(1)).toEqual([escapeText(s), escapeText(s)])
		}
		expect(exact).toBeGreaterThan(1000)
	}, 30_000)

	test('naughty firm names and event titles in an agenda', () => {
		const meetings: AgendaMeeting[] = naughty.slice(0, 300).map((s, i) => ({
			id: `m${i}`,
			startsAt: new Date('2026-12-10T01:00:00Z'),
			endsAt: new Date('2026-12-10T01:30:00Z'),
			status: 'SCHEDULED',
			createdAt: new Date('2026-12-01T00:00:00Z'),
			updatedAt: new Date('2026-12-01T00:00:00Z'),
			side: i % 2 ? 'BUYER' : 'SUPPLIER',
			counterpart: s,
		}))
		for (const title of naughty.slice(200, 210)) {
			const ics = agendaCalendar({
				event: { id: 'e1', title, format: 'HYBRID', venue: title, status: 'PUBLISHED' },
				firmName: title,
				meetings,
				origin: 'https://xnwh.example.cn',
				stamp: new Date(),
			})
			checkPhysicalLines(ics)
			const summaries = values(ics, 'SUMMARY').map(unescapeText)
			expect(summaries.slice(0, meetings.length)).toEqual(
				meetings.map((m) => `对接会会谈：${sanitizeText(m.counterpart)}`),
			)
			expect(values(ics, 'BEGIN').filter((v) => v === 'VEVENT')).toHaveLength(meetings.length)
			expect(agendaFileHeader(title)).toMatch(
				/^attachment; filename="agenda\.ics"; filename\*=UTF-8''[\x21-\x7e]+$/,
			)
		}
	}, 30_000)
})
