// Waits until PostgreSQL at argv[2] answers, for at most argv[3] seconds (default 30).
import postgres from 'postgres'

const url = process.argv[2] ?? process.env.DATABASE_URL
const deadline = Date.now() + Number(process.argv[3] ?? 30) * 1000
let lastError
while (Date.now() < deadline) {
	const client = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} })
	try {
		await client`select 1`
		await client.end()
		console.log(`PostgreSQL is up at ${new URL(url).host}`)
		process.exit(0)
	} catch (error) {
		lastError = error
		await client.end({ timeout: 0 }).catch(() => {})
		await new Promise((resolve) => setTimeout(resolve, 500))
	}
}
console.error(`PostgreSQL did not answer at ${url}: ${lastError?.message ?? 'timeout'}`)
process.exit(1)
