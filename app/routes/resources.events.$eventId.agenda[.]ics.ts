import type { MeetingStatus } from '@prisma/client'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { agendaCalendar, agendaFileHeader, type AgendaMeeting } from '#app/modules/events/ics'
import { requireUser } from '#app/utils/auth.server'
import { prisma } from '#app/utils/db.server'

// A firm's published meetings at an event as iCalendar: by the registration's secret calendar token
// (subscription URL: calendar apps send no cookies) or for a signed-in user of an approved firm.

const PUBLISHED: MeetingStatus[] = ['SCHEDULED', 'HELD', 'NO_SHOW']
const WITHDRAWN: MeetingStatus[] = ['NEEDS_RESCHEDULE', 'CANCELLED']

const notFound = () => new Response('Not Found', { status: 404, headers: { 'Cache-Control': 'no-store' } })

export async function loader({ request, params }: LoaderFunctionArgs) {
	const eventId = params.eventId ?? ''
	const url = new URL(request.url)
	const token = url.searchParams.get('token')
	let firmId: string
	if (token !== null) {
		if (token.length === 0 || token.length > 200) return notFound()
		const registration = await prisma.eventRegistration.findUnique({
			where: { calendarToken: token },
			select: { eventId: true, firmId: true, status: true },
		})
		if (!registration || registration.eventId !== eventId || registration.status !== 'APPROVED')
			return notFound()
		firmId = registration.firmId
	} else {
		const user = await requireUser(request)
		if (!user.firmId) return notFound()
		const registration = await prisma.eventRegistration.findUnique({
			where: { eventId_firmId: { eventId, firmId: user.firmId } },
			select: { status: true },
		})
		if (registration?.status !== 'APPROVED') return notFound()
		firmId = user.firmId
	}

	const [event, firm] = await Promise.all([
		prisma.event.findUnique({
			where: { id: eventId },
			select: { id: true, title: true, format: true, venue: true, status: true, agendaPublishedAt: true },
		}),
		prisma.firm.findUnique({ where: { id: firmId }, select: { name: true } }),
	])
	if (!event || event.status === 'DRAFT' || !firm) return notFound()
	// Cancelled or displaced meetings are listed (as cancelled) only once an agenda was published, so
	// a meeting dropped from a scheduler draft never reaches a firm's calendar.
	const statuses = event.agendaPublishedAt ? [...PUBLISHED, ...WITHDRAWN] : PUBLISHED
	const meetings = await prisma.meeting.findMany({
		where: {
			eventId,
			status: { in: statuses },
			OR: [{ buyerFirmId: firmId }, { supplierFirmId: firmId }],
		},
		orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
		select: {
			id: true,
			startsAt: true,
			endsAt: true,
			status: true,
			createdAt: true,
			updatedAt: true,
			buyerFirmId: true,
			supplierFirmId: true,
		},
	})
	const counterpartIds = [
		...new Set(meetings.map((m) => (m.buyerFirmId === firmId ? m.supplierFirmId : m.buyerFirmId))),
	]
	const counterparts = new Map(
		(
			await prisma.firm.findMany({ where: { id: { in: counterpartIds } }, select: { id: true, name: true } })
		).map((f) => [f.id, f.name]),
	)
	const rows = meetings.map((m): AgendaMeeting => ({
		id: m.id,
		startsAt: m.startsAt,
		endsAt: m.endsAt,
		status: m.status,
		createdAt: m.createdAt,
		updatedAt: m.updatedAt,
		side: m.buyerFirmId === firmId ? 'BUYER' : 'SUPPLIER',
		counterpart:
			counterparts.get(m.buyerFirmId === firmId ? m.supplierFirmId : m.buyerFirmId) ?? '（企业已注销）',
	}))
	const body = agendaCalendar({
		event,
		firmName: firm.name,
		meetings: rows,
		origin: url.origin,
		stamp: new Date(),
	})
	return new Response(body, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Cache-Control': 'private, max-age=300',
			'Content-Disposition': agendaFileHeader(event.title),
			'X-Robots-Tag': 'noindex',
		},
	})
}
