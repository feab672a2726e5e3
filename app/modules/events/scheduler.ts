/**
 * Meeting scheduler for online matchmaking events (线上产销对接会). Pure: no I/O, no clock, no randomness.
 *
 * Input arrays are put into a canonical order first (slots by start, end, id; firms, requests and locks
 * by id), so the same event gives the same agenda whatever order the rows arrive in.
 *
 * Steps:
 * 1. validate requests (accepted, both firms registered, one buyer and one supplier, one per pair);
 * 2. keep locked meetings (booked or placed by hand) as given; an invalid lock is reported, never dropped;
 * 3. greedy in weight order (必须见 > 希望见, 链主 buyer, matchScore, id), each request into the common free
 *    slot that the fewest other pending requests of its two firms could also use (ties: earliest slot);
 * 4. repair: an unplaced request may take a slot after moving the (unlocked) meeting of one or both of its
 *    firms in that slot to another common free slot; a 必须见 request blocked by a firm at its maximum may
 *    take the place of one of that firm's 希望见 meetings;
 * 5. minimum: firms below their minimum get unplaced requests placed, if need be by replacing a meeting
 *    of a partner at its maximum whose other firm stays at or above its own minimum;
 * 6. every request not placed is reported with a reason and a Chinese explanation for the organizer.
 */

export type Side = 'BUYER' | 'SUPPLIER'
export type Priority = 'MUST' | 'MEET'

export type SchedulerSlot = { id: string; start: string; end: string }
export type SchedulerFirm = {
	id: string
	side: Side
	chainLeader?: boolean
	/** slot ids the firm can attend */
	available: string[]
	minMeetings?: number
	maxMeetings?: number
}
export type SchedulerRequest = {
	id: string
	from: string
	to: string
	priority: Priority
	/** 0–100, from matching */
	matchScore?: number
	accepted: boolean
}
export type SchedulerLock = { requestId: string; slotId: string }

export type ScheduleInput = {
	slots: SchedulerSlot[]
	firms: SchedulerFirm[]
	requests: SchedulerRequest[]
	/** meetings already booked or placed by hand: kept */
	locked?: SchedulerLock[]
}

export type UnplacedReason =
	| 'NOT_ACCEPTED'
	| 'NO_COMMON_SLOT'
	| 'FIRM_AT_MAX'
	| 'SLOTS_TAKEN'
	| 'UNKNOWN_FIRM'
	| 'DUPLICATE_PAIR'
	| 'DUPLICATE_REQUEST'
	| 'SAME_SIDE'
	| 'LOCKED_INVALID'

export type ScheduledMeeting = {
	requestId: string
	buyerId: string
	supplierId: string
	slotId: string
	locked: boolean
}
export type UnplacedRequest = { requestId: string; reason: UnplacedReason; detail: string }
/** A lock whose request does not exist (or a second lock of a request): nothing to schedule, but shown. */
export type IgnoredLock = { requestId: string; slotId: string; detail: string }

export type ScheduleResult = {
	/** ordered by slot, then request id */
	meetings: ScheduledMeeting[]
	/** ordered by request id; a request id is in meetings or in unplaced, never in both */
	unplaced: UnplacedRequest[]
	ignoredLocks: IgnoredLock[]
	/** ordered by firm id */
	belowMin: Array<{ firmId: string; meetings: number; min: number }>
	stats: {
		requests: number
		accepted: number
		placed: number
		/** accepted 必须见 requests */
		mustMeet: number
		mustMeetPlaced: number
	}
}

type Req = {
	id: string
	idx: number
	buyer: number
	supplier: number
	must: boolean
	chain: boolean
	score: number
	locked: boolean
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

function sideName(side: Side) {
	return side === 'BUYER' ? '采购方' : '供应方'
}

export function scheduleMeetings(input: ScheduleInput): ScheduleResult {
	// ---- canonical order ----
	const slots = [...input.slots].sort(
		(a, b) => cmpStr(a.start, b.start) || cmpStr(a.end, b.end) || cmpStr(a.id, b.id),
	)
	const S = slots.length
	const slotIdx = new Map<string, number>()
	slots.forEach((s, i) => {
		if (!slotIdx.has(s.id)) slotIdx.set(s.id, i)
	})

	const firms = [...input.firms].sort((a, b) => cmpStr(a.id, b.id))
	const firmIdx = new Map<string, number>()
	const F = firms.length
	const avail = new Uint8Array(F * S)
	const minOf = new Int32Array(F)
	const maxOf = new Int32Array(F)
	firms.forEach((f, i) => {
		if (firmIdx.has(f.id)) return
		firmIdx.set(f.id, i)
		for (const sid of f.available) {
			const s = slotIdx.get(sid)
			if (s !== undefined) avail[i * S + s] = 1
		}
		const max = f.maxMeetings === undefined ? S : Math.max(0, Math.floor(f.maxMeetings))
		maxOf[i] = Math.min(max, S)
		minOf[i] = f.minMeetings === undefined ? 0 : Math.max(0, Math.floor(f.minMeetings))
	})
	const firmAt = (i: number) => firms[i] as SchedulerFirm

	const requests = [...input.requests].sort(
		(a, b) =>
			cmpStr(a.id, b.id) ||
			cmpStr(a.from, b.from) ||
			cmpStr(a.to, b.to) ||
			cmpStr(a.priority, b.priority) ||
			(a.matchScore ?? 0) - (b.matchScore ?? 0) ||
			Number(a.accepted) - Number(b.accepted),
	)

	const unplaced = new Map<string, UnplacedRequest>()
	const ignoredLocks: IgnoredLock[] = []
	const reqs: Req[] = []
	const reqById = new Map<string, Req>()
	const report = (requestId: string, reason: UnplacedReason, detail: string) => {
		if (!unplaced.has(requestId)) unplaced.set(requestId, { requestId, reason, detail })
	}

	let accepted = 0
	let mustMeet = 0
	const seenIds = new Set<string>()
	const acceptedMust = new Set<string>()
	for (const r of requests) {
		if (seenIds.has(r.id)) {
			// The first row of an id (in canonical order) stands for it; later ones are not requests of their own.
			continue
		}
		seenIds.add(r.id)
		if (!r.accepted) {
			report(r.id, 'NOT_ACCEPTED', `对方尚未接受洽谈预约（${r.from} → ${r.to}），不予排期`)
			continue
		}
		accepted++
		if (r.priority === 'MUST') {
			mustMeet++
			acceptedMust.add(r.id)
		}
		const fa = firmIdx.get(r.from)
		const fb = firmIdx.get(r.to)
		if (fa === undefined || fb === undefined) {
			const missing = [fa === undefined ? r.from : null, fb === undefined ? r.to : null].filter(Boolean)
			report(r.id, 'UNKNOWN_FIRM', `企业 ${missing.join('、')} 未报名本次对接会`)
			continue
		}
		if (fa === fb) {
			report(r.id, 'SAME_SIDE', `企业 ${r.from} 不能与自身洽谈`)
			continue
		}
		const A = firmAt(fa)
		const B = firmAt(fb)
		if (A.side === B.side) {
			report(
				r.id,
				'SAME_SIDE',
				`${r.from} 与 ${r.to} 同为${sideName(A.side)}，洽谈只在采购方与供应方之间安排`,
			)
			continue
		}
		const buyer = A.side === 'BUYER' ? fa : fb
		const supplier = A.side === 'BUYER' ? fb : fa
		const req: Req = {
			id: r.id,
			idx: reqs.length,
			buyer,
			supplier,
			must: r.priority === 'MUST',
			chain: firmAt(buyer).chainLeader === true,
			score: Number.isFinite(r.matchScore) ? (r.matchScore as number) : 0,
			locked: false,
		}
		reqs.push(req)
		reqById.set(r.id, req)
	}

	const R = reqs.length
	const slotOf = new Int32Array(R).fill(-1)
	const busy = new Int32Array(F * S).fill(-1)
	const count = new Int32Array(F)
	const pairTaken = new Map<string, string>()
	const pairKey = (r: Req) => `${r.buyer}|${r.supplier}`
	const slotLabel = (s: number) => {
		const slot = slots[s] as SchedulerSlot
		return `${slot.start}–${slot.end}`
	}

	const place = (r: Req, s: number) => {
		slotOf[r.idx] = s
		busy[r.buyer * S + s] = r.idx
		busy[r.supplier * S + s] = r.idx
		count[r.buyer]!++
		count[r.supplier]!++
	}
	const unplace = (r: Req) => {
		const s = slotOf[r.idx] as number
		slotOf[r.idx] = -1
		busy[r.buyer * S + s] = -1
		busy[r.supplier * S + s] = -1
		count[r.buyer]!--
		count[r.supplier]!--
	}
	const freeFor = (r: Req, s: number) =>
		avail[r.buyer * S + s] === 1 &&
		avail[r.supplier * S + s] === 1 &&
		busy[r.buyer * S + s] === -1 &&
		busy[r.supplier * S + s] === -1

	// ---- locked meetings ----
	const locks = [...(input.locked ?? [])].sort(
		(a, b) => cmpStr(a.requestId, b.requestId) || cmpStr(a.slotId, b.slotId),
	)
	const lockSeen = new Set<string>()
	for (const l of locks) {
		if (lockSeen.has(l.requestId)) {
			ignoredLocks.push({
				requestId: l.requestId,
				slotId: l.slotId,
				detail: `预约 ${l.requestId} 已有另一条锁定记录，本条（时段 ${l.slotId}）未采用`,
			})
			continue
		}
		lockSeen.add(l.requestId)
		if (!seenIds.has(l.requestId)) {
			ignoredLocks.push({
				requestId: l.requestId,
				slotId: l.slotId,
				detail: `锁定的洽谈所对应的预约 ${l.requestId} 不存在`,
			})
			continue
		}
		const r = reqById.get(l.requestId)
		const prior = unplaced.get(l.requestId)
		const invalid = (why: string) => {
			unplaced.delete(l.requestId)
			report(l.requestId, 'LOCKED_INVALID', `已锁定的洽谈（时段 ${l.slotId}）不再有效：${why}，请人工处理`)
		}
		if (!r) {
			invalid(prior?.detail ?? '预约无效')
			continue
		}
		const s = slotIdx.get(l.slotId)
		if (s === undefined) {
			invalid('该时段已不存在')
			continue
		}
		const B = firmAt(r.buyer)
		const P = firmAt(r.supplier)
		if (avail[r.buyer * S + s] !== 1 || avail[r.supplier * S + s] !== 1) {
			const who = [avail[r.buyer * S + s] !== 1 ? B.id : null, avail[r.supplier * S + s] !== 1 ? P.id : null]
			invalid(`${who.filter(Boolean).join('、')} 在 ${slotLabel(s)} 不可参会`)
			continue
		}
		if (busy[r.buyer * S + s] !== -1 || busy[r.supplier * S + s] !== -1) {
			const other = reqs[(busy[r.buyer * S + s] !== -1 ? busy[r.buyer * S + s] : busy[r.supplier * S + s])!]
			invalid(`与已锁定的洽谈 ${other?.id ?? ''} 在 ${slotLabel(s)} 冲突`)
			continue
		}
		const key = pairKey(r)
		const kept = pairTaken.get(key)
		if (kept !== undefined) {
			invalid(`${B.id} 与 ${P.id} 已有锁定洽谈 ${kept}`)
			continue
		}
		pairTaken.set(key, r.id)
		r.locked = true
		place(r, s)
	}

	// ---- pending requests in weight order, one per pair ----
	const byWeight = (a: Req, b: Req) =>
		Number(b.must) - Number(a.must) ||
		Number(b.chain) - Number(a.chain) ||
		b.score - a.score ||
		cmpStr(a.id, b.id)
	const pending: Req[] = []
	for (const r of [...reqs].sort(byWeight)) {
		if (r.locked || unplaced.has(r.id)) continue
		const key = pairKey(r)
		const kept = pairTaken.get(key)
		if (kept !== undefined) {
			report(
				r.id,
				'DUPLICATE_PAIR',
				`${firmAt(r.buyer).id} 与 ${firmAt(r.supplier).id} 之间已有预约 ${kept}，每对企业只安排一场洽谈`,
			)
			continue
		}
		pairTaken.set(key, r.id)
		pending.push(r)
	}

	// ---- greedy ----
	// demand[f*S+s]: how many not yet processed requests of firm f could use slot s.
	const demand = new Int32Array(F * S)
	const addDemand = (r: Req, d: number) => {
		const a = r.buyer * S
		const b = r.supplier * S
		for (let s = 0; s < S; s++) {
			if (avail[a + s] === 1 && avail[b + s] === 1) {
				demand[a + s]! += d
				demand[b + s]! += d
			}
		}
	}
	for (const r of pending) addDemand(r, 1)
	const underMax = (r: Req) => count[r.buyer]! < maxOf[r.buyer]! && count[r.supplier]! < maxOf[r.supplier]!
	for (const r of pending) {
		addDemand(r, -1)
		if (!underMax(r)) continue
		let best = -1
		let bestCost = Infinity
		const a = r.buyer * S
		const b = r.supplier * S
		for (let s = 0; s < S; s++) {
			if (!freeFor(r, s)) continue
			const cost = demand[a + s]! + demand[b + s]!
			if (cost < bestCost) {
				bestCost = cost
				best = s
			}
		}
		if (best >= 0) place(r, best)
	}

	// ---- repair ----
	/** A common free slot for m other than `except`, or -1. */
	const freeSlotFor = (m: Req, except: number) => {
		for (let t = 0; t < S; t++) if (t !== except && freeFor(m, t)) return t
		return -1
	}
	/** Place r (both firms under max), moving at most one meeting of each firm; no change when it fails. */
	const tryPlace = (r: Req): boolean => {
		if (!underMax(r)) return false
		const a = r.buyer * S
		const b = r.supplier * S
		for (let s = 0; s < S; s++) {
			if (freeFor(r, s)) {
				place(r, s)
				return true
			}
		}
		for (let s = 0; s < S; s++) {
			if (avail[a + s] !== 1 || avail[b + s] !== 1) continue
			const ma = busy[a + s]!
			const mb = busy[b + s]!
			const A = ma === -1 ? null : (reqs[ma] as Req)
			const B = mb === -1 ? null : (reqs[mb] as Req)
			if (A?.locked || B?.locked) continue
			const moved: Array<[Req, number]> = []
			let ok = true
			for (const m of [A, B]) {
				if (!m) continue
				const from = slotOf[m.idx]!
				unplace(m)
				const t = freeSlotFor(m, s)
				if (t < 0) {
					place(m, from)
					ok = false
					break
				}
				place(m, t)
				moved.push([m, from])
			}
			if (ok) {
				place(r, s)
				return true
			}
			for (const [m, from] of moved.reverse()) {
				unplace(m)
				place(m, from)
			}
		}
		return false
	}
	/** Place r after removing one unlocked meeting of firm f that `canEvict` allows; no change when it fails. */
	const tryPlaceEvicting = (r: Req, f: number, canEvict: (m: Req) => boolean): Req | null => {
		const candidates: Req[] = []
		for (let s = 0; s < S; s++) {
			const m = busy[f * S + s]!
			if (m !== -1 && !(reqs[m] as Req).locked && canEvict(reqs[m] as Req)) candidates.push(reqs[m] as Req)
		}
		candidates.sort(byWeight).reverse() // lowest weight first
		for (const m of candidates) {
			const from = slotOf[m.idx]!
			unplace(m)
			if (tryPlace(r)) return m
			place(m, from)
		}
		return null
	}

	const isUnplaced = (r: Req) => slotOf[r.idx] === -1
	const restore = (snap: Int32Array) => {
		busy.fill(-1)
		count.fill(0)
		slotOf.fill(-1)
		for (const r of reqs) if (snap[r.idx]! >= 0) place(r, snap[r.idx]!)
	}
	for (let pass = 0; pass < 3; pass++) {
		let changed = false
		for (const r of pending) {
			if (!isUnplaced(r)) continue
			if (tryPlace(r)) {
				changed = true
				continue
			}
			if (!r.must) continue
			// 必须见 blocked by one firm at its maximum: replace that firm's weakest 希望见 meeting.
			const atMax = [r.buyer, r.supplier].filter((f) => count[f]! >= maxOf[f]!)
			if (atMax.length !== 1) continue
			const evicted = tryPlaceEvicting(r, atMax[0] as number, (m) => !m.must)
			if (evicted) changed = true
		}
		if (!changed) break
	}

	// ---- minimum ----
	const pendingOf: Req[][] = Array.from({ length: F }, () => [])
	for (const r of pending) {
		pendingOf[r.buyer]!.push(r)
		pendingOf[r.supplier]!.push(r)
	}
	for (let f = 0; f < F; f++) {
		if (count[f]! >= minOf[f]!) continue
		for (const r of pendingOf[f]!) {
			if (count[f]! >= minOf[f]! || count[f]! >= maxOf[f]!) break
			if (!isUnplaced(r)) continue
			if (tryPlace(r)) continue
			const partner = r.buyer === f ? r.supplier : r.buyer
			if (count[partner]! < maxOf[partner]!) continue
			// The partner is full: give up one of its meetings whose other firm keeps its own minimum…
			const evicted = tryPlaceEvicting(r, partner, (m) => {
				const other = m.buyer === partner ? m.supplier : m.buyer
				return other !== f && count[other]! > minOf[other]! && (!m.must || r.must)
			})
			if (evicted) continue
			// …or whose other firm then gets another partner with room (augmenting path of length three).
			// A minimum is a constraint, 必须见 a preference: 希望见 meetings are tried first, then 必须见 ones.
			const snap = Int32Array.from(slotOf)
			let done = false
			for (let k = 0; k < 2 * S && !done; k++) {
				const s = k % S
				const mi = busy[partner * S + s]!
				if (mi === -1) continue
				const m = reqs[mi] as Req
				const other = m.buyer === partner ? m.supplier : m.buyer
				if (m.locked || other === f || m.must !== k >= S) continue
				unplace(m)
				let ok = tryPlace(r)
				if (ok && count[other]! < minOf[other]!) {
					ok = pendingOf[other]!.some((r2) => r2 !== m && isUnplaced(r2) && tryPlace(r2))
				}
				if (ok) done = true
				else restore(snap)
			}
		}
	}

	// ---- reasons ----
	for (const r of pending) {
		if (!isUnplaced(r)) continue
		const Bf = firmAt(r.buyer)
		const Sf = firmAt(r.supplier)
		let common = 0
		for (let s = 0; s < S; s++) if (avail[r.buyer * S + s] === 1 && avail[r.supplier * S + s] === 1) common++
		if (common === 0) {
			report(r.id, 'NO_COMMON_SLOT', `${Bf.id} 与 ${Sf.id} 没有共同的可参会时段`)
			continue
		}
		const full = [r.buyer, r.supplier].filter((f) => count[f]! >= maxOf[f]!)
		if (full.length > 0) {
			const text = full.map((f) => `${firmAt(f).id} 已排满洽谈场次上限（${maxOf[f]} 场）`).join('；')
			report(r.id, 'FIRM_AT_MAX', text)
			continue
		}
		report(r.id, 'SLOTS_TAKEN', `${Bf.id} 与 ${Sf.id} 的 ${common} 个共同可参会时段均已安排其他洽谈`)
	}

	// ---- output ----
	const meetings: ScheduledMeeting[] = []
	for (const r of reqs) {
		const s = slotOf[r.idx]!
		if (s === -1) continue
		meetings.push({
			requestId: r.id,
			buyerId: firmAt(r.buyer).id,
			supplierId: firmAt(r.supplier).id,
			slotId: (slots[s] as SchedulerSlot).id,
			locked: r.locked,
		})
	}
	meetings.sort((a, b) => slotIdx.get(a.slotId)! - slotIdx.get(b.slotId)! || cmpStr(a.requestId, b.requestId))
	const belowMin: ScheduleResult['belowMin'] = []
	for (const [id, f] of firmIdx) {
		if (count[f]! < minOf[f]!) belowMin.push({ firmId: id, meetings: count[f]!, min: minOf[f]! })
	}
	belowMin.sort((a, b) => cmpStr(a.firmId, b.firmId))
	return {
		meetings,
		unplaced: [...unplaced.values()].sort((a, b) => cmpStr(a.requestId, b.requestId)),
		ignoredLocks,
		belowMin,
		stats: {
			requests: seenIds.size,
			accepted,
			placed: meetings.length,
			mustMeet,
			mustMeetPlaced: meetings.filter((m) => acceptedMust.has(m.requestId)).length,
		},
	}
}
