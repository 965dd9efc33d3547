// The server the browser tests run against: the production build on a fresh
// PostgreSQL database (bazaar_e2e_<port>), migrated and seeded with the demo content.
import { spawnSync } from 'node:child_process'
import postgres from 'postgres'

const port = Number(process.env.E2E_PORT ?? 3210)
const base = process.env.E2E_BASE_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const name = `bazaar_e2e_${port}`
const admin = postgres(base, { max: 1, onnotice: () => {} })
await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
await admin.unsafe(`CREATE DATABASE "${name}"`)
await admin.end()
const url = new URL(base)
url.pathname = `/${name}`

Object.assign(process.env, {
	NODE_ENV: 'production',
	PORT: String(port),
	DATABASE_URL: url.toString(),
	SESSION_SECRET: 'e2e-session-secret',
	BAZAAR_SIGNING_SECRET: 'e2e-signing-secret',
	AUTH_DEMO_LOGIN: '1',
	PUBLIC_URL: `http://localhost:${port}`,
	BAZAAR_APP_URL: 'http://localhost:3001',
	WIDGET_ALLOWED_ORIGINS: process.env.WIDGET_ALLOWED_ORIGINS ?? `http://localhost:${port + 1}`,
	// The editor-scene corpus serves its media from a local server (tests/fixtures/media-server.ts).
	MEDIA_FETCH_ALLOW_PRIVATE: '1',
	// Specs change rows straight in the database (metrics, templates) and then read the pages, which
	// the page cache would answer from before the change; tests/page-cache.test.ts covers the cache.
	PAGE_CACHE_SECONDS: process.env.PAGE_CACHE_SECONDS ?? '0',
	// Renders run in a worker process that tests/e2e/render.spec.ts starts, not behind every other spec.
	RENDER_JOBS: process.env.RENDER_JOBS ?? 'off',
})
const seeded = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts'], { stdio: 'inherit', env: process.env })
if (seeded.status !== 0) process.exit(seeded.status ?? 1)

// The compiled server entry, as `npm start` runs it (npm test builds before Playwright runs).
const { runServer } = await import('../../build/server-entry/index.js')
await runServer()
