// `npm run db:reset`: delete the embedded database (PGLITE_DATA_DIR) so the next start migrates and seeds afresh.
import fs from 'node:fs'
import path from 'node:path'
import { acquireDataDirectoryLock } from '#app/db/pglite-lock.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

const env = getEnv()
if (env.DATABASE_URL) {
	console.error('db:reset only resets the embedded database; DATABASE_URL is set, so refusing to touch PostgreSQL.')
	process.exit(1)
}
const dataDir = path.resolve(env.PGLITE_DATA_DIR)
try {
	const release = acquireDataDirectoryLock(dataDir) // refuses while the app is running on it
	fs.rmSync(dataDir, { recursive: true, force: true })
	release()
	console.log(`Removed ${dataDir}; the next \`npm start\` migrates and seeds it again.`)
} catch (error) {
	console.error(error instanceof Error ? error.message : error)
	process.exit(1)
}
