// `npm run metrics:aggregate [-- --from YYYY-MM-DD] [--to YYYY-MM-DD] [--dry-run]`
// (`node build/scripts/aggregate-metrics.js …` from any scheduler, compiled by `npm run build`;
// `npm run metrics:aggregate:source` runs this file through tsx):
// recomputes whole UTC days of events into community_metrics_daily and refreshes
// the cached counters. Exit 0 when done or when another run holds the lock
// (it says so and touches nothing), 1 on failure or bad arguments.
import { parseArgs } from 'node:util'
import { closeDatabase, databaseInfo } from '#app/db/client.server.ts'
import { aggregateMetrics } from '#app/models/metrics.server.ts'
import { closeSharedRedis } from '#app/utils/redis.server.ts'

function usage() {
	return 'Usage: aggregate-metrics [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--dry-run]\n' +
		'Default range: from the day before the last aggregated day to today (UTC).'
}

try {
	const { values } = parseArgs({
		options: {
			from: { type: 'string' },
			to: { type: 'string' },
			'dry-run': { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h', default: false },
		},
		strict: true,
	})
	if (values.help) {
		console.log(usage())
	} else {
		const { kind, location } = databaseInfo()
		console.log(`Aggregating metrics on ${kind} at ${location}${values['dry-run'] ? ' (dry run: nothing will be saved)' : ''}`)
		const started = performance.now()
		const result = await aggregateMetrics({
			from: values.from,
			to: values.to,
			dryRun: values['dry-run'],
			onDay: (day, { index, total }) => {
				console.log(
					`[${String(index + 1).padStart(String(total).length)}/${total}] ${day.day}: ${day.events} events, ${day.groups} rows, ` +
						`${day.compared ? `${day.changed} changed, ${day.removed} removed` : 'unchanged (digest)'} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
				)
			},
		})
		if (result.status === 'locked') {
			console.log(result.message)
		} else {
			console.log(
				`${result.dryRun ? 'Dry run, rolled back: would have' : 'Done:'} recomputed ${result.days.length} day(s) ${result.from}..${result.to}, ` +
					`${result.events} events, ${result.compared} day(s) compared row by row, ${result.changed} rows changed, ${result.removed} removed, ` +
					`${result.countersUpdated} template counters corrected, in ${result.durationMs} ms`,
			)
		}
	}
} catch (error) {
	console.error(`Metrics aggregation failed: ${error instanceof Error ? error.message : String(error)}`)
	if (error instanceof TypeError && 'code' in error) console.error(usage())
	process.exitCode = 1
} finally {
	await closeDatabase()
	// The run told every instance's page cache to drop its pages (through Redis when REDIS_URL is set).
	await closeSharedRedis()
}
