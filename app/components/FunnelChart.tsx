/** The funnel views → clicks → favorites → uses (then mixes and prompts), as bars relative to views. */
export interface FunnelCounts {
	view: number
	click: number
	favorite: number
	use: number
	mix: number
	prompt: number
}

const STEPS = [
	{ key: 'view', label: 'Views' },
	{ key: 'click', label: 'Clicks' },
	{ key: 'favorite', label: 'Favorites' },
	{ key: 'use', label: 'Uses' },
	{ key: 'mix', label: 'Mixes' },
	{ key: 'prompt', label: 'Prompts' },
] as const

function percent(part: number, whole: number) {
	if (whole <= 0) return '—'
	const value = (part / whole) * 100
	return `${value < 10 ? value.toFixed(1) : Math.round(value)}%`
}

export function FunnelChart({ counts, label }: { counts: FunnelCounts; label: string }) {
	const top = Math.max(1, ...STEPS.map((step) => counts[step.key]))
	return (
		<div className="funnel" role="list" aria-label={label} data-testid="funnel">
			{STEPS.map((step) => (
				<div key={step.key} className="funnel-step" role="listitem" data-step={step.key}>
					<span>{step.label}</span>
					<span className="funnel-bar" style={{ width: `${(counts[step.key] / top) * 100}%` }} aria-hidden="true" />
					<span className="funnel-value">
						{counts[step.key].toLocaleString('en-US')}
						{step.key === 'view' ? '' : ` · ${percent(counts[step.key], counts.view)}`}
					</span>
				</div>
			))}
			<p className="field-hint">Percentages are of views over the same period.</p>
		</div>
	)
}
