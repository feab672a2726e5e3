import type { EventFormDefaults } from '#app/components/events/event-form'
import { toLocalInput } from './slots'

/** Form values of an existing event (the edit form starts from them). */
export function eventFormDefaults(event: {
	title: string
	description: string
	format: 'ONLINE' | 'HYBRID'
	venue: string
	days: string[]
	dayStart: string
	dayEnd: string
	meetingMinutes: number
	gapMinutes: number
	breaks: string[]
	capacity: number
	minMeetings: number
	maxMeetings: number
	registrationOpensAt: Date | string
	registrationClosesAt: Date | string
	requestsCloseAt: Date | string
	clusters: Array<{ slug: string }>
}): EventFormDefaults {
	return {
		title: event.title,
		description: event.description,
		clusterSlugs: event.clusters.map((c) => c.slug),
		format: event.format,
		venue: event.venue,
		days: event.days.join(', '),
		dayStart: event.dayStart,
		dayEnd: event.dayEnd,
		meetingMinutes: String(event.meetingMinutes),
		gapMinutes: String(event.gapMinutes),
		breaks: event.breaks.join(', '),
		capacity: String(event.capacity),
		minMeetings: String(event.minMeetings),
		maxMeetings: String(event.maxMeetings),
		registrationOpensAt: toLocalInput(event.registrationOpensAt),
		registrationClosesAt: toLocalInput(event.registrationClosesAt),
		requestsCloseAt: toLocalInput(event.requestsCloseAt),
	}
}

/** A new event: two weeks out, a morning of 30-minute meetings. */
export function newEventDefaults(now = new Date()): EventFormDefaults {
	const day = (offset: number) => toLocalInput(new Date(now.getTime() + offset * 86_400_000)).slice(0, 10)
	return {
		title: '',
		description: '',
		clusterSlugs: [],
		format: 'ONLINE',
		venue: '',
		days: day(14),
		dayStart: '09:00',
		dayEnd: '12:00',
		meetingMinutes: '30',
		gapMinutes: '0',
		breaks: '',
		capacity: '100',
		minMeetings: '0',
		maxMeetings: '8',
		registrationOpensAt: `${day(0)}T09:00`,
		registrationClosesAt: `${day(7)}T18:00`,
		requestsCloseAt: `${day(10)}T18:00`,
	}
}
