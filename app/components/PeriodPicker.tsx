import { Form } from '@remix-run/react'

/** A GET form choosing `period` (days); works without JavaScript. */
export function PeriodPicker({ period, periods }: { period: number; periods: readonly number[] }) {
	return (
		<Form method="get" className="filters" preventScrollReset>
			<label>
				Period{' '}
				<select name="period" defaultValue={String(period)}>
					{periods.map((days) => (
						<option key={days} value={days}>
							Last {days} days
						</option>
					))}
				</select>
			</label>
			<button type="submit" className="btn btn-secondary">
				Show
			</button>
		</Form>
	)
}
