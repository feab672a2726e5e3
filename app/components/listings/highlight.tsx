import type { HighlightPart } from '#search/highlight'

/** Renders search highlights as <mark> around plain text nodes; the text is never parsed as HTML. */
export function Highlight({ parts }: { parts: HighlightPart[] }) {
	return (
		<>
			{parts.map((part, i) =>
				part.match ? (
					<mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-slate-900">
						{part.text}
					</mark>
				) : (
					<span key={i}>{part.text}</span>
				),
			)}
		</>
	)
}
