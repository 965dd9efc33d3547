/** Views, favorites and uses as three big numbers. */
export function StatTotals({ views, favorites, uses, testId }: { views: number; favorites: number; uses: number; testId?: string }) {
	const items = [
		['Views', views],
		['Favorites', favorites],
		['Uses', uses],
	] as const
	return (
		<dl className="stat-totals" data-testid={testId}>
			{items.map(([label, value]) => (
				<div key={label}>
					<dt>{label}</dt>
					<dd>{value.toLocaleString('en-US')}</dd>
				</div>
			))}
		</dl>
	)
}
