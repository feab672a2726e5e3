import { Link, type LinkProps } from '@remix-run/react'
import { cn } from '#app/utils/misc'

/** The event pages' link buttons: secondary (outlined) by default, primary for the page's main next step. */
export function EventLink({ primary = false, className, ...props }: LinkProps & { primary?: boolean }) {
	return (
		<Link
			{...props}
			className={cn(
				'rounded-md px-3 py-1.5 text-sm',
				primary
					? 'bg-brand-700 hover:bg-brand-800 font-semibold text-white'
					: 'border border-slate-300 bg-white hover:bg-slate-100',
				className,
			)}
		/>
	)
}
