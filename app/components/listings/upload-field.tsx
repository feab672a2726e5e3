import { useEffect, useId, useRef, useState } from 'react'
import { ErrorList, type ListOfErrors } from '#app/components/forms'
import { isMessageKey } from '#app/i18n/i18n'
import { useT } from '#app/i18n/use-t'

export type UploadItem = { id: string; name: string; kind: 'IMAGE' | 'PDF' }

export function uploadUrl(id: string) {
	return `/resources/uploads/${encodeURIComponent(id)}`
}

type UploadResponse = {
	id?: string
	kind?: 'IMAGE' | 'PDF'
	originalName?: string
	error?: string
	message?: string
}

/**
 * Uploads files one by one to /resources/uploads and keeps the resulting ids, in order, in hidden
 * inputs named `name`. Without JavaScript the existing ids still post with the form.
 */
export function UploadField({
	name,
	purpose,
	max,
	accept,
	label,
	hint,
	defaultItems,
	errors,
	variant,
}: {
	name: string
	purpose: 'capability-image' | 'demand-attachment'
	max: number
	accept: string
	label: string
	hint: string
	defaultItems: UploadItem[]
	errors?: ListOfErrors
	variant: 'images' | 'files'
}) {
	const t = useT()
	const id = useId()
	const inputRef = useRef<HTMLInputElement>(null)
	const [items, setItems] = useState(defaultItems)
	const [hydrated, setHydrated] = useState(false)
	const [busy, setBusy] = useState(false)
	const [problem, setProblem] = useState<string | null>(null)
	useEffect(() => setHydrated(true), [])

	async function upload(files: File[]) {
		setProblem(null)
		const room = max - items.length
		if (files.length > room) setProblem(t('listing.upload.tooMany', { max }))
		setBusy(true)
		try {
			for (const file of files.slice(0, Math.max(0, room))) {
				const body = new FormData()
				body.append('file', file)
				body.append('purpose', purpose)
				let data: UploadResponse | null = null
				let ok = false
				try {
					const response = await fetch('/resources/uploads', {
						method: 'POST',
						body,
						credentials: 'same-origin',
					})
					ok = response.ok
					data = (await response.json().catch(() => null)) as UploadResponse | null
				} catch {
					data = null
				}
				if (ok && data?.id) {
					const item: UploadItem = {
						id: data.id,
						name: data.originalName || file.name,
						kind: data.kind === 'PDF' ? 'PDF' : 'IMAGE',
					}
					setItems((prev) => (prev.length >= max ? prev : [...prev, item]))
				} else {
					const key = data?.error
					const reason = key && isMessageKey(key) ? t(key) : (data?.message ?? t('listing.upload.failed'))
					setProblem(`${file.name}：${reason}`)
				}
			}
		} finally {
			setBusy(false)
			if (inputRef.current) inputRef.current.value = ''
		}
	}

	function move(index: number, by: -1 | 1) {
		setItems((prev) => {
			const next = [...prev]
			const target = index + by
			if (target < 0 || target >= next.length) return prev
			;[next[index], next[target]] = [next[target]!, next[index]!]
			return next
		})
	}

	const hintId = `${id}-hint`
	const statusId = `${id}-status`
	const errorId = errors?.length ? `${id}-error` : undefined
	const full = items.length >= max
	return (
		<div className="flex flex-col gap-2" data-testid={`upload-${name}`}>
			{items.map((item) => (
				<input key={item.id} type="hidden" name={name} value={item.id} />
			))}
			<label htmlFor={id} className="text-sm font-medium text-slate-800">
				{label}
			</label>
			<input
				ref={inputRef}
				id={id}
				type="file"
				accept={accept}
				multiple
				disabled={!hydrated || busy || full}
				onChange={(e) => {
					const files = Array.from(e.currentTarget.files ?? [])
					if (files.length) void upload(files)
				}}
				aria-describedby={[hintId, statusId, errorId].filter(Boolean).join(' ')}
				className="block w-full text-sm text-slate-800 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-semibold hover:file:bg-slate-100 disabled:opacity-60"
			/>
			<p id={hintId} className="text-xs text-slate-600">
				{hint} {t('listing.upload.count', { count: items.length, max })}
			</p>
			<noscript>
				<p className="text-xs text-amber-800">{t('listing.upload.noscript')}</p>
			</noscript>
			<p id={statusId} role="status" className="text-sm text-slate-700">
				{busy ? t('listing.upload.uploading') : ''}
			</p>
			{problem ? (
				<p role="alert" className="text-sm text-red-700">
					{problem}
				</p>
			) : null}
			<ErrorList id={errorId} errors={errors} />
			{items.length ? (
				variant === 'images' ? (
					<ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
						{items.map((item, index) => (
							<li
								key={item.id}
								className="flex flex-col gap-1 rounded-md border border-slate-200 bg-slate-50 p-2"
							>
								<img
									src={uploadUrl(item.id)}
									alt={item.name}
									loading="lazy"
									className="h-28 w-full rounded object-cover"
								/>
								<span className="truncate text-xs text-slate-700" title={item.name}>
									{index === 0 ? `${t('listing.upload.cover')} · ` : ''}
									{item.name}
								</span>
								<div className="flex flex-wrap gap-1">
									{index > 0 ? (
										<button
											type="button"
											onClick={() => move(index, -1)}
											className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-100"
											aria-label={t('listing.upload.moveEarlierNamed', { name: item.name })}
										>
											{t('listing.upload.moveEarlier')}
										</button>
									) : null}
									<button
										type="button"
										onClick={() => setItems((prev) => prev.filter((p) => p.id !== item.id))}
										className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-red-800 hover:bg-red-50"
										aria-label={t('listing.upload.removeNamed', { name: item.name })}
									>
										{t('listing.upload.remove')}
									</button>
								</div>
							</li>
						))}
					</ul>
				) : (
					<ul className="flex flex-col gap-1">
						{items.map((item) => (
							<li
								key={item.id}
								className="flex flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm"
							>
								<span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-semibold">
									{item.kind === 'PDF' ? 'PDF' : t('listing.upload.image')}
								</span>
								<a
									href={uploadUrl(item.id)}
									className="text-brand-700 flex-1 truncate underline"
									target="_blank"
									rel="noreferrer"
								>
									{item.name}
								</a>
								<button
									type="button"
									onClick={() => setItems((prev) => prev.filter((p) => p.id !== item.id))}
									className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-red-800 hover:bg-red-50"
									aria-label={t('listing.upload.removeNamed', { name: item.name })}
								>
									{t('listing.upload.remove')}
								</button>
							</li>
						))}
					</ul>
				)
			) : null}
		</div>
	)
}
