/**
 * Scheduler benchmark (线上产销对接会): scheduleMeetings on a seeded synthetic event, against a naive
 * first-fit greedy in input order under the same constraints.
 *
 *   npm run bench:schedule -- [--quick]
 *   (node --import tsx tests/load/schedule.bench.ts)
 *
 * Event: 300 firms (100 buyers, 15 of them 链主; 200 suppliers), 2,000 accepted requests (~25 % 必须见,
 * distinct buyer–supplier pairs, either side may ask), 40 slots; each firm available in ~70 % of the
 * slots (random), max 8–12 meetings, min 2. --quick: 3 → 1 timed repetition, same size (the full run is
 * well under a second). Pure CPU, no I/O; the BENCH line is the last line.
 */
import { performance } from 'node:perf_hooks'
import {
	scheduleMeetings,
	type ScheduleInput,
	type ScheduleResult,
	type SchedulerFirm,
	type SchedulerRequest,
} from '#app/modules/events/scheduler'

const QUICK = process.argv.includes('--quick')
const FIRMS = 300
const BUYERS = 100
const REQUESTS = 2000
const SLOTS = 40
const REPS = QUICK ? 1 : 3

/** mulberry32: small seeded PRNG, so every run sees the same event. */
function rng(seed: number) {
	let a = seed >>> 0
	return () => {
		a = (a + 0x6d2b79f5) >>> 0
		let t = a
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}

function makeEvent(seed: number): ScheduleInput {
	const rand = rng(seed)
	const pad = (n: number) => String(n).padStart(3, '0')
	const slots = Array.from({ length: SLOTS }, (_, i) => {
		const day = 1 + Math.floor(i / 20)
		const minutes = 9 * 60 + (i % 20) * 20
		const hhmm = (m: number) =>
			`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
		return {
			id: `slot-${pad(i)}`,
			start: `2026-12-0${day}T${hhmm(minutes)}`,
			end: `2026-12-0${day}T${hhmm(minutes + 20)}`,
		}
	})
	const firms: SchedulerFirm[] = Array.from({ length: FIRMS }, (_, i) => {
		const buyer = i < BUYERS
		return {
			id: buyer ? `b-${pad(i)}` : `s-${pad(i - BUYERS)}`,
			side: buyer ? 'BUYER' : 'SUPPLIER',
			chainLeader: buyer && i < 15,
			available: slots.filter(() => rand() < 0.7).map((s) => s.id),
			minMeetings: 2,
			maxMeetings: 8 + Math.floor(rand() * 5),
		}
	})
	const buyers = firms.filter((f) => f.side === 'BUYER')
	const suppliers = firms.filter((f) => f.side === 'SUPPLIER')
	const pairs = new Set<string>()
	const requests: SchedulerRequest[] = []
	while (requests.length < REQUESTS) {
		const b = buyers[Math.floor(rand() * buyers.length)] as SchedulerFirm
		const s = suppliers[Math.floor(rand() * suppliers.length)] as SchedulerFirm
		const key = `${b.id}|${s.id}`
		if (pairs.has(key)) continue
		pairs.add(key)
		const fromBuyer = rand() < 0.6
		requests.push({
			id: `r-${String(requests.length).padStart(4, '0')}`,
			from: fromBuyer ? b.id : s.id,
			to: fromBuyer ? s.id : b.id,
			priority: rand() < 0.25 ? 'MUST' : 'MEET',
			matchScore: Math.round(rand() * 100),
			accepted: true,
		})
	}
	return { slots, firms, requests }
}

/** Baseline: each request in input order into the first slot both firms are available and free in, up to max. */
function firstFit(input: ScheduleInput) {
	const side = new Map(input.firms.map((f) => [f.id, f]))
	const busy = new Set<string>()
	const count = new Map<string, number>()
	const pairs = new Set<string>()
	let placed = 0
	let must = 0
	let mustPlaced = 0
	for (const r of input.requests) {
		if (!r.accepted) continue
		if (r.priority === 'MUST') must++
		const a = side.get(r.from)
		const b = side.get(r.to)
		if (!a || !b || a.side === b.side) continue
		const key = a.side === 'BUYER' ? `${a.id}|${b.id}` : `${b.id}|${a.id}`
		if (pairs.has(key)) continue
		if ((count.get(a.id) ?? 0) >= (a.maxMeetings ?? Infinity)) continue
		if ((count.get(b.id) ?? 0) >= (b.maxMeetings ?? Infinity)) continue
		const bAvail = new Set(b.available)
		for (const s of input.slots) {
			if (!a.available.includes(s.id) || !bAvail.has(s.id)) continue
			if (busy.has(`${a.id}@${s.id}`) || busy.has(`${b.id}@${s.id}`)) continue
			busy.add(`${a.id}@${s.id}`)
			busy.add(`${b.id}@${s.id}`)
			count.set(a.id, (count.get(a.id) ?? 0) + 1)
			count.set(b.id, (count.get(b.id) ?? 0) + 1)
			pairs.add(key)
			placed++
			if (r.priority === 'MUST') mustPlaced++
			break
		}
	}
	const belowMin = input.firms.filter((f) => (count.get(f.id) ?? 0) < (f.minMeetings ?? 0)).length
	return { placed, must, mustPlaced, belowMin }
}

const pct = (n: number, d: number) => (d === 0 ? 0 : (100 * n) / d)
const event = makeEvent(20261201)
const accepted = event.requests.filter((r) => r.accepted).length

// Warm-up (JIT), then timed repetitions; the same input must give the same output every time.
let result: ScheduleResult = scheduleMeetings(event)
const first = JSON.stringify(result)
const times: number[] = []
for (let i = 0; i < REPS; i++) {
	const t0 = performance.now()
	result = scheduleMeetings(event)
	times.push((performance.now() - t0) / 1000)
	if (JSON.stringify(result) !== first) throw new Error('scheduler is not deterministic')
}
times.sort((a, b) => a - b)
const seconds = times[Math.floor(times.length / 2)] as number

const t0 = performance.now()
const base = firstFit(event)
const baseSeconds = (performance.now() - t0) / 1000

const reasons = new Map<string, number>()
for (const u of result.unplaced) reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + 1)
const placedPct = pct(result.stats.placed, accepted)
const mustPct = pct(result.stats.mustMeetPlaced, result.stats.mustMeet)
const ratio = base.placed === 0 ? 0 : result.stats.placed / base.placed

const maxSum = (side: string) =>
	event.firms.filter((f) => f.side === side).reduce((n, f) => n + (f.maxMeetings ?? SLOTS), 0)
const bound = Math.min(maxSum('BUYER'), maxSum('SUPPLIER'), accepted)
const row = (cells: Array<string | number>) => console.log(cells.map((c) => String(c).padStart(14)).join(''))
console.log(
	`event: ${FIRMS} firms (${BUYERS} buyers), ${REQUESTS} requests (${result.stats.mustMeet} 必须见), ${SLOTS} slots; reps=${REPS}${QUICK ? ' (--quick)' : ''}`,
)
row(['', 'seconds', 'placed', 'placed %', 'must %', 'below min'])
row([
	'scheduler',
	seconds.toFixed(4),
	result.stats.placed,
	placedPct.toFixed(1),
	mustPct.toFixed(1),
	result.belowMin.length,
])
row([
	'first-fit',
	baseSeconds.toFixed(4),
	base.placed,
	pct(base.placed, accepted).toFixed(1),
	pct(base.mustPlaced, base.must).toFixed(1),
	base.belowMin,
])
console.log(`upper bound on placed (Σ max per side): ${bound}`)
console.log(
	`unplaced by reason: ${[...reasons].map(([k, v]) => `${k}=${v}`).join(' ') || 'none'}; runs (s): ${times.map((t) => t.toFixed(4)).join(' ')}`,
)
console.log(
	`BENCH schedule seconds=${seconds.toFixed(4)} placed_pct=${placedPct.toFixed(1)} must_meet_placed_pct=${mustPct.toFixed(1)} placed_ratio=${ratio.toFixed(3)} firms=${FIRMS} requests=${REQUESTS} slots=${SLOTS}`,
)
