import { checkDatabaseHealth } from '#app/db/client.server.ts'

export async function loader() {
	const database = await checkDatabaseHealth()
	return Response.json(
		{ status: database.ok ? 'ok' : 'unavailable', database },
		{ status: database.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
	)
}
