/**
 * Views, favorites and uses per day as server-rendered SVG: three small bar
 * charts stacked on one shared time axis, each on its own scale (views are
 * an order of magnitude above uses, so one scale would flatten the others).
 * The numbers are also in a table for screen readers and copy-paste.
 */
export interface ChartDay {
	day: string
	view: number
	favorite: number
	use: number
}

const SERIES = [
	{ key: 'view', label: 'Views', color: '#5b3df5' },
	{ key: 'favorite', label: 'Favorites', color: '#e0527a' },
	{ key: 'use', label: 'Uses', color: '#1f9d6b' },
] as const

const WIDTH = 720
const LEFT = 44
const RIGHT = 8
const PANEL_HEIGHT = 70
const PANEL_GAP = 26
const TOP = 18
const AXIS_HEIGHT = 22

function shortDate(day: string) {
	const date = new Date(`${day}T00:00:00Z`)
	return date.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })
}

export function DailyMetricsChart({ days, title }: { days: ChartDay[]; title: string }) {
	const plotWidth = WIDTH - LEFT - RIGHT
	const slot = plotWidth / Math.max(1, days.length)
	const barWidth = Math.max(1, slot * 0.7)
	const height = TOP + SERIES.length * (PANEL_HEIGHT + PANEL_GAP) + AXIS_HEIGHT - PANEL_GAP
	const labelEvery = Math.max(1, Math.ceil(days.length / 6))
	const totals = SERIES.map((series) => days.reduce((sum, day) => sum + day[series.key], 0))
	const summary = SERIES.map((series, index) => `${totals[index]} ${series.label.toLowerCase()}`).join(', ')
	return (
		<figure className="chart-figure">
			<svg
				className="chart"
				viewBox={`0 0 ${WIDTH} ${height}`}
				role="img"
				aria-labelledby="chart-title chart-desc"
				data-testid="daily-metrics-chart"
			>
				<title id="chart-title">{title}</title>
				<desc id="chart-desc">
					{days.length} days from {days[0]?.day} to {days.at(-1)?.day}: {summary}.
				</desc>
				{SERIES.map((series, index) => {
					const top = TOP + index * (PANEL_HEIGHT + PANEL_GAP)
					const peak = Math.max(0, ...days.map((day) => day[series.key]))
					const scale = peak > 0 ? PANEL_HEIGHT / peak : 0
					return (
						<g key={series.key} data-series={series.key}>
							<text x={LEFT} y={top - 5} fontSize="12" fontWeight="600" fill="#14121f">
								{series.label} · {totals[index]} total
							</text>
							<line x1={LEFT} x2={WIDTH - RIGHT} y1={top + PANEL_HEIGHT} y2={top + PANEL_HEIGHT} stroke="#e6e3ee" />
							<line x1={LEFT} x2={WIDTH - RIGHT} y1={top} y2={top} stroke="#f1eff6" strokeDasharray="3 3" />
							<text x={LEFT - 6} y={top + 4} fontSize="10" textAnchor="end" fill="#4a4760">
								{peak}
							</text>
							<text x={LEFT - 6} y={top + PANEL_HEIGHT} fontSize="10" textAnchor="end" fill="#4a4760">
								0
							</text>
							{days.map((day, dayIndex) => {
								const value = day[series.key]
								const barHeight = value * scale
								return (
									<rect
										key={day.day}
										x={LEFT + dayIndex * slot + (slot - barWidth) / 2}
										y={top + PANEL_HEIGHT - barHeight}
										width={barWidth}
										height={barHeight}
										fill={series.color}
										rx={1}
									>
										<title>{`${shortDate(day.day)}: ${value} ${series.label.toLowerCase()}`}</title>
									</rect>
								)
							})}
						</g>
					)
				})}
				{days.map((day, dayIndex) =>
					dayIndex % labelEvery === 0 || dayIndex === days.length - 1 ? (
						<text
							key={day.day}
							x={LEFT + dayIndex * slot + slot / 2}
							y={height - 6}
							fontSize="10"
							textAnchor="middle"
							fill="#4a4760"
						>
							{dayIndex === days.length - 1 ? 'Today' : shortDate(day.day)}
						</text>
					) : null,
				)}
			</svg>
			<details>
				<summary>Show the numbers</summary>
				<div className="table-scroll">
					<table className="data-table">
						<thead>
							<tr>
								<th scope="col">Day (UTC)</th>
								{SERIES.map((series) => (
									<th scope="col" key={series.key}>
										{series.label}
									</th>
								))}
							</tr>
						</thead>
						<tbody>
							{days.map((day) => (
								<tr key={day.day}>
									<td>{day.day}</td>
									{SERIES.map((series) => (
										<td key={series.key}>{day[series.key]}</td>
									))}
								</tr>
							))}
						</tbody>
					</table>
				</div>
			</details>
		</figure>
	)
}
