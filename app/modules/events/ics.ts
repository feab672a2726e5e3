import { formatLocal } from './slots'

// iCalendar (RFC 5545) for a firm's meeting agenda at a matchmaking event: pure, no clock, no I/O.
// Times are written in UTC ("Z"), so no VTIMEZONE is needed; X-WR-TIMEZONE tells clients which zone
// to show. Lines end in CRLF and are folded at 75 octets of UTF-8 without splitting a character.

const CRLF = '\r\n'
const MAX_OCTETS = 75

/** C0 and C1 controls except HTAB and LF (CR and CRLF become LF first); RFC 5545 TEXT cannot hold them. */
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g

/** What a TEXT value keeps of a string: well-formed UTF-16, CR/CRLF as LF, no other control characters. */
export function sanitizeText(value: string) {
	return value.toWellFormed().replace(/\r\n?/g, '\n').replace(CONTROLS, '')
}

/** RFC 5545 §3.3.11: backslash, semicolon and comma escaped, newline as `\n`. */
export function escapeText(value: string) {
	return sanitizeText(value).replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))
}

/** The inverse of escapeText (also reads `\N`, which RFC 5545 allows). */
export function unescapeText(value: string) {
	return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c))
}

function octets(unit: string) {
	let n = 0
	for (const ch of unit) {
		const cp = ch.codePointAt(0)!
		n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4
	}
	return n
}

/**
 * Folds a content line (RFC 5545 §3.1): no physical line longer than 75 octets, continuation lines
 * start with one space. Breaks fall between code points, and never inside a `\x` escape pair.
 */
export function foldLine(line: string) {
	if (octets(line) <= MAX_OCTETS) return line
	const lines: string[] = []
	let current = ''
	let size = 0
	let limit = MAX_OCTETS
	for (const unit of line.match(/\\.|[\s\S]/gu) ?? []) {
		const n = octets(unit)
		if (size + n > limit) {
			lines.push(current)
			current = ''
			size = 0
			limit = MAX_OCTETS - 1 // the leading space counts
		}
		current += unit
		size += n
	}
	lines.push(current)
	return lines.join(`${CRLF} `)
}

/** Unfolds a whole calendar into its logical content lines. */
export function unfold(calendar: string) {
	return calendar
		.replace(/\r\n[ \t]/g, '')
		.split(CRLF)
		.filter((line) => line !== '')
}

/** "YYYYMMDDTHHMMSSZ" */
export function formatUtc(date: Date) {
	return date
		.toISOString()
		.replace(/\.\d{3}Z$/, 'Z')
		.replace(/[-:]/g, '')
}

export type IcsEvent = {
	uid: string
	start: Date
	end: Date
	summary: string
	description: string
	location: string
	url: string
	status: 'CONFIRMED' | 'CANCELLED'
	sequence: number
	lastModified?: Date
	/** Reminders as negative durations before the start, e.g. "-P1D", "-PT15M". */
	alarms: string[]
}

export type IcsCalendar = { name: string; stamp: Date; events: IcsEvent[] }

export const PRODID = '-//xnwh//Xianning-Wuhan Supply Chain Docking Platform//ZH'

const DURATION_RE = /^-P(\d+W|(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?)$/

/** The whole VCALENDAR as text with CRLF line ends (ready to serve as text/calendar). */
export function buildCalendar(calendar: IcsCalendar) {
	const lines: string[] = []
	const text = (name: string, value: string) => lines.push(`${name}:${escapeText(value)}`)
	lines.push('BEGIN:VCALENDAR', `PRODID:${PRODID}`, 'VERSION:2.0', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH')
	text('X-WR-CALNAME', calendar.name)
	lines.push('X-WR-TIMEZONE:Asia/Shanghai', 'REFRESH-INTERVAL;VALUE=DURATION:PT1H', 'X-PUBLISHED-TTL:PT1H')
	for (const e of calendar.events) {
		lines.push('BEGIN:VEVENT', `UID:${escapeText(e.uid)}`, `DTSTAMP:${formatUtc(calendar.stamp)}`)
		lines.push(`DTSTART:${formatUtc(e.start)}`, `DTEND:${formatUtc(e.end)}`)
		if (e.lastModified) lines.push(`LAST-MODIFIED:${formatUtc(e.lastModified)}`)
		text('SUMMARY', e.summary)
		text('DESCRIPTION', e.description)
		text('LOCATION', e.location)
		// URI values are not TEXT: no escaping, but no line breaks or controls either.
		lines.push(`URL:${sanitizeText(e.url).replace(/[\n\t ]/g, '')}`)
		lines.push(`STATUS:${e.status}`, `SEQUENCE:${Math.max(0, Math.floor(e.sequence))}`, 'TRANSP:OPAQUE')
		for (const trigger of e.alarms) {
			if (!DURATION_RE.test(trigger)) throw new Error(`invalid alarm trigger ${trigger}`)
			lines.push('BEGIN:VALARM', 'ACTION:DISPLAY')
			text('DESCRIPTION', e.summary)
			lines.push(`TRIGGER:${trigger}`, 'END:VALARM')
		}
		lines.push('END:VEVENT')
	}
	lines.push('END:VCALENDAR')
	return lines.map(foldLine).join(CRLF) + CRLF
}

// ---- a firm's meetings at an event -------------------------------------------------------------------

export type AgendaSide = 'BUYER' | 'SUPPLIER'

const SIDE_LABEL: Record<AgendaSide, string> = { BUYER: '采购方', SUPPLIER: '供应方' }

export type AgendaMeeting = {
	id: string
	startsAt: Date
	endsAt: Date
	status: string
	createdAt: Date
	updatedAt: Date
	/** The calendar owner's side in this meeting. */
	side: AgendaSide
	counterpart: string
}

export type AgendaCalendarInput = {
	event: { id: string; title: string; format: string; venue: string; status: string }
	firmName: string
	meetings: AgendaMeeting[]
	/** "https://host" the links point to. */
	origin: string
	stamp: Date
}

/** The stable link of a meeting on the firm's agenda page, where 进入会谈室 opens its docking room. */
export function meetingLink(origin: string, eventId: string, meetingId: string) {
	return `${origin}/events/${eventId}/agenda#meeting-${meetingId}`
}

/** The published agenda of one firm: CONFIRMED meetings with two alarms, and cancelled ones as CANCELLED. */
export function agendaCalendar({ event, firmName, meetings, origin, stamp }: AgendaCalendarInput) {
	const events = meetings.map((m): IcsEvent => {
		const cancelled =
			event.status === 'CANCELLED' || m.status === 'CANCELLED' || m.status === 'NEEDS_RESCHEDULE'
		const url = meetingLink(origin, event.id, m.id)
		const other: AgendaSide = m.side === 'BUYER' ? 'SUPPLIER' : 'BUYER'
		const note =
			event.status === 'CANCELLED'
				? '（对接会已取消）'
				: m.status === 'NEEDS_RESCHEDULE'
					? '（原时段已取消，待重新安排）'
					: m.status === 'CANCELLED'
						? '（已取消）'
						: ''
		const description = [
			`对接会：${event.title}`,
			`对方企业：${m.counterpart}（${SIDE_LABEL[other]}）`,
			`我方身份：${SIDE_LABEL[m.side]}`,
			`时间：${formatLocal(m.startsAt)}–${formatLocal(m.endsAt).slice(11)}（北京时间）`,
			`会谈室：${url}`,
			...(note ? [`状态：${note.slice(1, -1)}`] : []),
		].join('\n')
		return {
			uid: `${m.id}@xnwh`,
			start: m.startsAt,
			end: m.endsAt,
			summary: `对接会会谈：${m.counterpart}${note}`,
			description,
			location: event.format === 'HYBRID' && event.venue.trim() ? event.venue : `线上会谈室 ${url}`,
			url,
			status: cancelled ? 'CANCELLED' : 'CONFIRMED',
			// Rises with every change of the row, so clients replace their copy.
			sequence: Math.floor((m.updatedAt.getTime() - m.createdAt.getTime()) / 1000),
			lastModified: m.updatedAt,
			alarms: cancelled ? [] : ['-P1D', '-PT15M'],
		}
	})
	return buildCalendar({ name: `${event.title} · ${firmName} 会谈日程`, stamp, events })
}

/** ASCII-safe Content-Disposition for the agenda file. */
export function agendaFileHeader(eventTitle: string) {
	const name = `${
		sanitizeText(eventTitle)
			.replace(/[\\/:*?"<>|\n\t]/g, ' ')
			.trim()
			.slice(0, 60) || '对接会'
	}-会谈日程.ics`
	return `attachment; filename="agenda.ics"; filename*=UTF-8''${encodeURIComponent(name)}`
}
