import { useRevalidator } from '@remix-run/react'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'

// Layout effects only in the browser (server rendering has no layout).
const useBrowserLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect
import { useT } from '#app/i18n/use-t'
import type {
	AttachmentPayload,
	DockingSideName,
	MessagePayload,
	ReadPayload,
	SendReply,
} from '#app/realtime/events'
import { useRealtime } from '#app/realtime/socket-provider'
import { cn } from '#app/utils/misc'

type Outgoing = {
	clientId: string
	body: string
	attachments: AttachmentPayload[]
	state: 'sending' | 'queued' | 'failed'
	error?: string
}
type Member = { userId: string; name: string; side: DockingSideName }

const ACK_TIMEOUT_MS = 10_000
const TYPING_IDLE_MS = 3000

function newClientId() {
	return typeof crypto.randomUUID === 'function'
		? crypto.randomUUID()
		: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`
}

/** Merges by seq: each message once, in order, whatever mix of live events, backfills and history pages brought it. */
function mergeMessages(current: MessagePayload[], incoming: MessagePayload[]) {
	if (incoming.length === 0) return current
	const bySeq = new Map(current.map((m) => [m.seq, m]))
	let changed = false
	for (const m of incoming) {
		if (!bySeq.has(m.seq)) {
			bySeq.set(m.seq, m)
			changed = true
		}
	}
	return changed ? [...bySeq.values()].sort((a, b) => a.seq - b.seq) : current
}

/** The highest seq up to which the loaded messages have no gap (history starts at the first loaded one). */
function contiguousSeq(messages: MessagePayload[]) {
	let last = messages[0]?.seq ?? 0
	for (const m of messages) {
		if (m.seq > last + 1) break
		last = m.seq
	}
	return last
}

/**
 * The chat of one docking session over the page's socket. Sends carry a client id and stay in an
 * outbox until the server acknowledges the stored message; on every (re)connect the chat re-joins
 * with the last seq it has, merges the backfill, then resends what was not acknowledged.
 */
export function DockingChat({
	sessionId,
	me,
	mySide,
	canWrite,
	isMember,
	isBureau,
	members,
	initial,
}: {
	sessionId: string
	me: string
	mySide: DockingSideName | null
	canWrite: boolean
	isMember: boolean
	isBureau: boolean
	members: Member[]
	initial: { messages: MessagePayload[]; more: boolean; reads: ReadPayload[] }
}) {
	const t = useT()
	const { socket, refreshDocking } = useRealtime()
	const revalidator = useRevalidator()
	// Held in a ref: the revalidator changes identity on every render, the socket subscriptions must not.
	const revalidate = useRef(revalidator.revalidate)
	revalidate.current = revalidator.revalidate
	const [messages, setMessages] = useState(initial.messages)
	const [hasEarlier, setHasEarlier] = useState(initial.more)
	const [loadingEarlier, setLoadingEarlier] = useState(false)
	const [outbox, setOutbox] = useState<Outgoing[]>([])
	const [reads, setReads] = useState<Record<string, ReadPayload>>(() =>
		Object.fromEntries(initial.reads.map((r) => [r.userId, r])),
	)
	const [typing, setTyping] = useState<Record<string, { name: string; until: number }>>({})
	const [online, setOnline] = useState<Array<{ userId: string; side: DockingSideName }>>([])
	const [onlineCount, setOnlineCount] = useState(0)
	const [status, setStatus] = useState<'connecting' | 'connected' | 'reconnecting'>('connecting')
	const [draft, setDraft] = useState('')
	const [attachments, setAttachments] = useState<AttachmentPayload[]>([])
	const [uploading, setUploading] = useState(false)
	const [uploadError, setUploadError] = useState<string | null>(null)
	const logRef = useRef<HTMLDivElement>(null)
	const lastSeq = useRef(initial.messages.at(-1)?.seq ?? 0)
	const outboxRef = useRef(outbox)
	outboxRef.current = outbox
	const readSent = useRef(0)
	const typingSent = useRef(0)
	const typingTimer = useRef<ReturnType<typeof setTimeout>>()
	const stickToBottom = useRef(true)
	const prependAnchor = useRef<number | null>(null)

	// Backfill starts after the last message with nothing missing before it: a message stored by one
	// instance can arrive after a later one from another, and a retried send is not broadcast again.
	const contiguous = useRef(contiguousSeq(initial.messages))
	const requestFill = useRef<() => void>(() => {})
	useEffect(() => {
		lastSeq.current = Math.max(lastSeq.current, messages.at(-1)?.seq ?? 0)
		contiguous.current = contiguousSeq(messages)
		if (contiguous.current < lastSeq.current) requestFill.current()
	}, [messages])

	const markRead = useCallback(() => {
		if (!socket?.connected || !isMember || document.visibilityState !== 'visible') return
		const seq = lastSeq.current
		if (seq <= readSent.current) return
		readSent.current = seq
		socket.emit('docking:read', { sessionId, seq }, (reply) => {
			if (reply.ok) refreshDocking()
		})
	}, [socket, sessionId, isMember, refreshDocking])

	const deliver = useCallback(
		(item: Outgoing) => {
			if (!socket) return
			if (!socket.connected) {
				setOutbox((list) => list.map((o) => (o.clientId === item.clientId ? { ...o, state: 'queued' } : o)))
				return
			}
			setOutbox((list) =>
				list.map((o) => (o.clientId === item.clientId ? { ...o, state: 'sending', error: undefined } : o)),
			)
			socket.timeout(ACK_TIMEOUT_MS).emit(
				'docking:send',
				{
					sessionId,
					clientId: item.clientId,
					body: item.body,
					attachmentIds: item.attachments.map((a) => a.id),
				},
				(err: Error | null, reply: SendReply) => {
					if (err) {
						// No answer: it may or may not be stored; the same client id makes the retry safe.
						setOutbox((list) =>
							list.map((o) => (o.clientId === item.clientId ? { ...o, state: 'queued' } : o)),
						)
						return
					}
					if (reply.ok) {
						setMessages((list) => mergeMessages(list, [reply.message]))
						setOutbox((list) => list.filter((o) => o.clientId !== item.clientId))
						readSent.current = Math.max(readSent.current, reply.message.seq)
					} else if (reply.error === 'err.dockingUnavailable') {
						setOutbox((list) =>
							list.map((o) => (o.clientId === item.clientId ? { ...o, state: 'queued' } : o)),
						)
					} else {
						setOutbox((list) =>
							list.map((o) =>
								o.clientId === item.clientId ? { ...o, state: 'failed', error: reply.error } : o,
							),
						)
					}
				},
			)
		},
		[socket, sessionId],
	)

	// Join (and re-join after every reconnect) with the last seq seen, then flush the outbox.
	useEffect(() => {
		if (!socket) return
		let cancelled = false
		let filling = false
		const backfill = (after: number, done?: () => void) =>
			socket.emit('docking:join', { sessionId, afterSeq: after }, (reply) => {
				if (cancelled || !reply.ok) return
				setMessages((list) => mergeMessages(list, reply.messages))
				lastSeq.current = Math.max(lastSeq.current, reply.messages.at(-1)?.seq ?? 0)
				setReads((current) => ({ ...current, ...Object.fromEntries(reply.reads.map((r) => [r.userId, r])) }))
				if (reply.more) return backfill(reply.messages.at(-1)?.seq ?? after, done)
				done?.()
			})
		const join = () => {
			setStatus('connected')
			backfill(contiguous.current, () => {
				for (const item of outboxRef.current) if (item.state !== 'failed') deliver(item)
				markRead()
			})
		}
		requestFill.current = () => {
			if (filling || !socket.connected) return
			filling = true
			setTimeout(() => backfill(contiguous.current, () => (filling = false)), 300)
		}
		const onDisconnect = () => setStatus('reconnecting')
		const onMessage = (m: MessagePayload) => {
			if (m.sessionId !== sessionId) return
			setMessages((list) => mergeMessages(list, [m]))
			setOutbox((list) => list.filter((o) => o.clientId !== m.clientId || m.sender?.id !== me))
			const senderId = m.sender?.id
			if (senderId) setTyping(({ [senderId]: _gone, ...rest }) => rest)
		}
		const onRead = (r: ReadPayload) => {
			if (r.sessionId === sessionId) setReads((current) => ({ ...current, [r.userId]: r }))
		}
		const onTyping = (p: { sessionId: string; userId: string; name: string; typing: boolean }) => {
			if (p.sessionId !== sessionId || p.userId === me) return
			setTyping(({ [p.userId]: _old, ...rest }) =>
				p.typing
					? { ...rest, [p.userId]: { name: p.name, until: Date.now() + TYPING_IDLE_MS + 2000 } }
					: rest,
			)
		}
		const onPresence = (p: {
			sessionId: string
			online: Array<{ userId: string; side: DockingSideName }>
			count: number
		}) => {
			if (p.sessionId === sessionId) {
				setOnline(p.online)
				setOnlineCount(p.count)
			}
		}
		const onUpdated = (p: { sessionId: string }) => {
			// Status, stage, contacts: reload the page's data (only while connected, so it can answer).
			if (p.sessionId === sessionId && socket.connected) revalidate.current()
		}
		socket.on('connect', join)
		socket.on('disconnect', onDisconnect)
		socket.on('docking:message', onMessage)
		socket.on('docking:read', onRead)
		socket.on('docking:typing', onTyping)
		socket.on('docking:presence', onPresence)
		socket.on('docking:updated', onUpdated)
		if (socket.connected) join()
		return () => {
			cancelled = true
			socket.off('connect', join)
			socket.off('disconnect', onDisconnect)
			socket.off('docking:message', onMessage)
			socket.off('docking:read', onRead)
			socket.off('docking:typing', onTyping)
			socket.off('docking:presence', onPresence)
			socket.off('docking:updated', onUpdated)
			if (socket.connected) socket.emit('docking:leave', { sessionId })
		}
	}, [socket, sessionId, me, deliver, markRead])

	// Read marks follow what is on screen.
	useEffect(() => {
		markRead()
		const onVisible = () => markRead()
		document.addEventListener('visibilitychange', onVisible)
		return () => document.removeEventListener('visibilitychange', onVisible)
	}, [messages, markRead])

	// Typing indicators expire on their own if the "stopped" event never comes.
	useEffect(() => {
		const timer = setInterval(() => {
			setTyping((current) => {
				const now = Date.now()
				const kept = Object.entries(current).filter(([, v]) => v.until > now)
				return kept.length === Object.keys(current).length ? current : Object.fromEntries(kept)
			})
		}, 1000)
		return () => clearInterval(timer)
	}, [])

	// Scroll: stay at the bottom for new messages (unless the reader scrolled up); keep position when older ones are prepended.
	useBrowserLayoutEffect(() => {
		const el = logRef.current
		if (!el) return
		if (prependAnchor.current !== null) {
			el.scrollTop = el.scrollHeight - prependAnchor.current
			prependAnchor.current = null
		} else if (stickToBottom.current) {
			el.scrollTop = el.scrollHeight
		}
	}, [messages, outbox])

	const loadEarlier = useCallback(async () => {
		const first = messages[0]?.seq
		if (!hasEarlier || loadingEarlier || !first) return
		setLoadingEarlier(true)
		try {
			const res = await fetch(`/resources/docking-messages/${sessionId}?before=${first}`, {
				headers: { accept: 'application/json' },
			})
			if (!res.ok) return
			const page = (await res.json()) as { messages: MessagePayload[]; more: boolean }
			if (logRef.current) prependAnchor.current = logRef.current.scrollHeight - logRef.current.scrollTop
			setMessages((list) => mergeMessages(list, page.messages))
			setHasEarlier(page.more)
		} finally {
			setLoadingEarlier(false)
		}
	}, [messages, hasEarlier, loadingEarlier, sessionId])

	const onScroll = () => {
		const el = logRef.current
		if (!el) return
		stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80
		if (el.scrollTop < 40) void loadEarlier()
	}

	const emitTyping = (value: boolean) => {
		if (!socket?.connected) return
		socket.emit('docking:typing', { sessionId, typing: value })
	}

	const onDraftChange = (value: string) => {
		setDraft(value)
		const now = Date.now()
		if (now - typingSent.current > 2000) {
			typingSent.current = now
			emitTyping(true)
		}
		clearTimeout(typingTimer.current)
		typingTimer.current = setTimeout(() => {
			typingSent.current = 0
			emitTyping(false)
		}, TYPING_IDLE_MS)
	}

	const send = () => {
		if ((draft.trim().length === 0 && attachments.length === 0) || uploading) return
		const item: Outgoing = { clientId: newClientId(), body: draft, attachments, state: 'sending' }
		setOutbox((list) => [...list, item])
		setDraft('')
		setAttachments([])
		clearTimeout(typingTimer.current)
		typingSent.current = 0
		emitTyping(false)
		stickToBottom.current = true
		deliver(item)
	}

	const retry = (item: Outgoing) => {
		const again = { ...item, clientId: newClientId(), state: 'sending' as const, error: undefined }
		setOutbox((list) => list.map((o) => (o.clientId === item.clientId ? again : o)))
		deliver(again)
	}

	const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
		if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
			event.preventDefault()
			send()
		}
	}

	const upload = async (files: FileList | null) => {
		if (!files?.length) return
		setUploadError(null)
		setUploading(true)
		try {
			for (const file of [...files].slice(0, 5 - attachments.length)) {
				const body = new FormData()
				body.set('purpose', 'docking-attachment')
				body.set('file', file)
				const res = await fetch('/resources/uploads', { method: 'POST', body })
				const data = (await res.json()) as {
					id?: string
					kind?: 'IMAGE' | 'PDF'
					originalName?: string
					bytes?: number
					error?: string
				}
				if (!res.ok || !data.id) {
					setUploadError(data.error ?? 'err.uploadType')
					break
				}
				setAttachments((list) => [
					...list,
					{ id: data.id!, kind: data.kind!, originalName: data.originalName!, bytes: data.bytes! },
				])
			}
		} catch {
			setUploadError('err.dockingUnavailable')
		} finally {
			setUploading(false)
		}
	}

	const names = useMemo(() => new Map(members.map((m) => [m.userId, m.name])), [members])
	const otherSideRead = useMemo(() => {
		let max = 0
		for (const r of Object.values(reads))
			if (r.side !== mySide && r.side !== 'BUREAU' && r.userId !== me) max = Math.max(max, r.seq)
		return max
	}, [reads, mySide, me])
	const othersOnline = online.filter((o) => o.userId !== me)
	const shownNames = [
		...new Set(othersOnline.map((o) => names.get(o.userId) ?? t(`docking.side.${o.side}`))),
	].slice(0, 5)
	// Everyone online but me (the count includes me when I am in the room).
	const othersCount = Math.max(
		othersOnline.length,
		onlineCount - (online.some((o) => o.userId === me) ? 1 : 0),
	)
	const typingNames = Object.values(typing).map((v) => v.name)

	return (
		<section
			aria-label={t('docking.chat')}
			className="flex h-[70vh] min-h-[420px] flex-col rounded-lg border border-slate-200 bg-white"
		>
			<header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 px-4 py-2 text-xs">
				<span
					className={cn(
						'inline-flex items-center gap-1',
						status === 'connected' ? 'text-green-800' : 'text-amber-800',
					)}
					role="status"
				>
					<span
						aria-hidden="true"
						className={cn(
							'inline-block h-2 w-2 rounded-full',
							status === 'connected' ? 'bg-green-600' : 'bg-amber-500',
						)}
					/>
					{status === 'connected'
						? t('docking.chat.connected')
						: status === 'connecting'
							? t('docking.chat.connecting')
							: t('docking.chat.reconnecting')}
				</span>
				<span className="text-slate-700" data-testid="presence">
					{othersOnline.length === 0
						? t('docking.chat.nobodyOnline')
						: othersCount > shownNames.length
							? t('docking.chat.onlineMore', { names: shownNames.join('、'), count: othersCount })
							: t('docking.chat.online', { names: shownNames.join('、') })}
				</span>
			</header>
			<div
				ref={logRef}
				onScroll={onScroll}
				className="flex-1 overflow-y-auto px-4 py-3"
				role="log"
				aria-label={t('docking.chat.log')}
				aria-live="polite"
			>
				<div className="mb-3 text-center text-xs">
					{hasEarlier ? (
						<button
							type="button"
							onClick={() => void loadEarlier()}
							className="text-brand-700 underline"
							disabled={loadingEarlier}
						>
							{loadingEarlier ? t('docking.chat.loading') : t('docking.chat.loadEarlier')}
						</button>
					) : (
						<span className="text-slate-500">{t('docking.chat.start')}</span>
					)}
				</div>
				<ol className="flex flex-col gap-2">
					{messages.map((m) =>
						m.kind === 'SYSTEM' ? (
							<li
								key={m.seq}
								data-seq={m.seq}
								className="mx-auto max-w-[90%] rounded-md bg-slate-100 px-3 py-1.5 text-center text-xs whitespace-pre-wrap text-slate-700"
							>
								<span className="sr-only">{t('docking.chat.system')}：</span>
								{m.body}
								<time className="ml-2 text-slate-600" dateTime={m.createdAt}>
									{formatTime(m.createdAt)}
								</time>
							</li>
						) : (
							<li
								key={m.seq}
								data-seq={m.seq}
								data-testid="chat-message"
								className={cn('flex flex-col', m.sender?.id === me ? 'items-end' : 'items-start')}
							>
								<span className="text-xs text-slate-600">
									{m.sender?.name ?? ''}
									{m.side ? ` · ${t(`docking.side.${m.side}`)}` : ''}
									<time className="ml-2" dateTime={m.createdAt}>
										{formatTime(m.createdAt)}
									</time>
								</span>
								<div
									className={cn(
										'mt-0.5 max-w-[85%] rounded-lg px-3 py-2 break-words whitespace-pre-wrap',
										m.sender?.id === me ? 'bg-brand-700 text-white' : 'bg-slate-100 text-slate-900',
									)}
								>
									<span data-testid="chat-body">{m.body}</span>
									<AttachmentList attachments={m.attachments} inverted={m.sender?.id === me} />
								</div>
								{m.sender?.id === me ? (
									<span className="text-xs text-slate-600">
										{m.seq <= otherSideRead ? t('docking.chat.read') : t('docking.chat.unread')}
									</span>
								) : null}
							</li>
						),
					)}
					{outbox.map((o) => (
						<li key={o.clientId} className="flex flex-col items-end" data-testid="chat-outgoing">
							<div className="bg-brand-600/70 mt-0.5 max-w-[85%] rounded-lg px-3 py-2 break-words whitespace-pre-wrap text-white">
								{o.body}
								<AttachmentList attachments={o.attachments} inverted />
							</div>
							<span className={cn('text-xs', o.state === 'failed' ? 'text-red-700' : 'text-slate-600')}>
								{o.state === 'sending'
									? t('docking.chat.sending')
									: o.state === 'queued'
										? t('docking.chat.queued')
										: t('docking.chat.failed', { reason: t(o.error ?? 'err.dockingUnavailable') })}
								{o.state === 'failed' ? (
									<button type="button" className="ml-2 underline" onClick={() => retry(o)}>
										{t('docking.chat.retry')}
									</button>
								) : null}
							</span>
						</li>
					))}
				</ol>
			</div>
			<p className="min-h-5 px-4 text-xs text-slate-600" aria-live="polite">
				{typingNames.length ? t('docking.chat.typing', { name: typingNames.join('、') }) : ''}
			</p>
			{canWrite ? (
				<form
					className="flex flex-col gap-2 border-t border-slate-200 p-3"
					onSubmit={(event) => {
						event.preventDefault()
						send()
					}}
				>
					{!isMember ? <p className="text-xs text-slate-600">{t('docking.chat.notMember')}</p> : null}
					{attachments.length ? (
						<ul className="flex flex-wrap gap-2 text-xs">
							{attachments.map((a) => (
								<li key={a.id} className="flex items-center gap-1 rounded bg-slate-100 px-2 py-1">
									{a.originalName}
									<button
										type="button"
										aria-label={t('docking.chat.removeAttachment', { name: a.originalName })}
										onClick={() => setAttachments((list) => list.filter((x) => x.id !== a.id))}
									>
										×
									</button>
								</li>
							))}
						</ul>
					) : null}
					{uploadError ? (
						<p role="alert" className="text-xs text-red-700">
							{t(uploadError)}
						</p>
					) : null}
					<label htmlFor={`chat-input-${sessionId}`} className="sr-only">
						{t('docking.chat.input')}
					</label>
					<textarea
						id={`chat-input-${sessionId}`}
						value={draft}
						onChange={(event) => onDraftChange(event.target.value)}
						onKeyDown={onKeyDown}
						rows={2}
						maxLength={4000}
						placeholder={t('docking.chat.placeholder')}
						className="block w-full resize-y rounded-md border border-slate-300 px-3 py-2"
					/>
					<div className="flex items-center justify-between gap-2">
						<label className="text-brand-700 cursor-pointer text-sm underline">
							{uploading ? t('docking.chat.uploading') : t('docking.chat.attach')}
							<input
								type="file"
								accept="image/jpeg,image/png,image/webp,application/pdf"
								multiple
								className="sr-only"
								onChange={(event) => void upload(event.target.files).then(() => (event.target.value = ''))}
								disabled={uploading}
							/>
						</label>
						<button
							type="submit"
							className="bg-brand-700 hover:bg-brand-800 rounded-md px-4 py-2 text-sm font-semibold text-white disabled:opacity-60"
							disabled={uploading}
						>
							{t('docking.chat.send')}
						</button>
					</div>
				</form>
			) : (
				<p className="border-t border-slate-200 p-3 text-sm text-slate-700">
					{isBureau ? t('docking.chat.bureauReadOnly') : t('docking.chat.readOnly')}
				</p>
			)}
		</section>
	)
}

function AttachmentList({ attachments, inverted }: { attachments: AttachmentPayload[]; inverted?: boolean }) {
	const t = useT()
	if (!attachments.length) return null
	return (
		<ul className="mt-2 flex flex-wrap gap-2">
			{attachments.map((a) =>
				a.kind === 'IMAGE' ? (
					<li key={a.id}>
						<a href={`/resources/uploads/${a.id}`} target="_blank" rel="noreferrer">
							<img
								src={`/resources/uploads/${a.id}`}
								alt={a.originalName}
								className="max-h-40 rounded border border-slate-200"
								loading="lazy"
							/>
						</a>
					</li>
				) : (
					<li key={a.id}>
						<a
							href={`/resources/uploads/${a.id}`}
							className={cn('text-sm underline', inverted ? 'text-white' : 'text-brand-700')}
						>
							{t('docking.chat.attachment')}：{a.originalName}（{Math.max(1, Math.round(a.bytes / 1024))} KB）
						</a>
					</li>
				),
			)}
		</ul>
	)
}

function formatTime(iso: string) {
	return new Date(iso).toLocaleString('zh-CN', {
		timeZone: 'Asia/Shanghai',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
	})
}
