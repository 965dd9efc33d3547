import { checkDatabaseHealth } from '#app/db/client.server.ts'
import { OUTAGE_RETRY_AFTER_SECONDS } from '#app/utils/database-outage.server.ts'

export async function loader() {
	const database = await checkDatabaseHealth()
	const headers: Record<string, string> = { 'Cache-Control': 'no-store' }
	// Like every answer during an outage: when to ask again (a load balancer's probe may ignore it).
	if (!database.ok) headers['Retry-After'] = String(OUTAGE_RETRY_AFTER_SECONDS)
	return Response.json({ status: database.ok ? 'ok' : 'unavailable', database }, { status: database.ok ? 200 : 503, headers })
}
