/**
 * The one database handle. With DATABASE_URL: PostgreSQL through postgres.js.
 * Without: embedded PGlite under PGLITE_DATA_DIR. Both are exposed as the same
 * Drizzle type, so no other module knows (or needs to know) which one it has.
 */
import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { type SQL, sql } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { getEnv } from '#app/utils/env.server.ts'
import { acquireDataDirectoryLock } from './pglite-lock.server.ts'
import * as schema from './schema.ts'

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>
export type DatabaseKind = 'postgres' | 'pglite'

export interface DatabaseConnection {
	db: Database
	kind: DatabaseKind
	/** Where it lives, without credentials: a data directory or host/database. */
	location: string
	close: () => Promise<void>
	/** How the render queue (pg-boss) reaches this database: its own connection on PostgreSQL, this very PGlite instance otherwise. */
	queue: QueueDatabase
}

/** pg-boss's `db` option: one SQL text (several statements when there are no values) and its values. */
export interface QueueSqlExecutor {
	executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>
}

export type QueueDatabase = { kind: 'postgres'; connectionString: string } | { kind: 'pglite'; executor: QueueSqlExecutor }

export function isInMemoryDataDir(dataDir: string) {
	return dataDir.startsWith('memory://')
}

export function describePostgresUrl(url: string) {
	try {
		const parsed = new URL(url)
		return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`
	} catch {
		return 'postgres'
	}
}

export function openPostgres(url: string, options: { max?: number } = {}): DatabaseConnection {
	const client = postgres(url, {
		max: options.max ?? 10,
		idle_timeout: 30,
		connect_timeout: 5,
		// After a lost connection postgres.js waits this many seconds before reconnecting, and a
		// query handed to that connection waits with it. Its default grows to 20 s, so during and
		// after a database outage requests hung for up to 20 s (tests/faults/database-outage):
		// capped at 250 ms they fail fast while the database is down and resume as soon as it is back.
		backoff: (retries: number) => Math.min(0.025 * 2 ** retries, 0.25),
		// "relation already exists, skipping" and friends are not worth a log line.
		onnotice: () => {},
		// No JIT compilation: the app's statements run in milliseconds, and once a plan's estimated
		// cost crosses jit_above_cost (a one-word gallery search on 100,000 templates, priced from
		// the search terms' accurate row counts) compiling took 30-45 ms for a statement that then
		// ran in 10 (docs/performance.md). The aggregation turns it off for its own reasons too.
		connection: { jit: 'off' },
	})
	return {
		db: drizzlePostgres(client, { schema }) as unknown as Database,
		kind: 'postgres',
		location: describePostgresUrl(url),
		close: () => client.end({ timeout: 5 }),
		queue: { kind: 'postgres', connectionString: url },
	}
}

export function openPglite(dataDir: string): DatabaseConnection {
	const inMemory = isInMemoryDataDir(dataDir)
	const release = inMemory ? () => {} : acquireDataDirectoryLock(dataDir)
	try {
		if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true })
		// Pass 'memory://' rather than undefined: with an undefined first argument PGlite ignores the options (and the extensions).
		const client = new PGlite(inMemory ? 'memory://' : dataDir, { extensions: { pg_trgm, unaccent } })
		return {
			db: drizzlePglite(client, { schema }) as unknown as Database,
			kind: 'pglite',
			location: inMemory ? 'memory' : path.resolve(dataDir),
			queue: { kind: 'pglite', executor: pgliteQueueExecutor(client) },
			close: async () => {
				try {
					if (!client.closed) await client.close()
				} finally {
					release()
				}
			},
		}
	} catch (error) {
		release()
		throw error
	}
}

/**
 * PGlite has one connection, so pg-boss shares it (the demo works its jobs in
 * the same process). pg-boss sends its schema and upgrades as one text of many
 * statements without values: only `exec` runs those; a parameterised query
 * goes through `query`.
 */
function pgliteQueueExecutor(client: PGlite): QueueSqlExecutor {
	return {
		async executeSql(text, values) {
			if (values && values.length > 0) {
				const result = await client.query(text, values as unknown[])
				return { rows: result.rows }
			}
			const results = await client.exec(text)
			return { rows: results.at(-1)?.rows ?? [] }
		},
	}
}

export function openConfiguredDatabase(): DatabaseConnection {
	const env = getEnv()
	return env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : openPglite(env.PGLITE_DATA_DIR)
}

// One connection per process, kept across dev-server module reloads.
const globalStore = globalThis as typeof globalThis & { __bazaarDatabase?: DatabaseConnection }

function connection(): DatabaseConnection {
	globalStore.__bazaarDatabase ??= openConfiguredDatabase()
	return globalStore.__bazaarDatabase
}

/** The application's database, opened on first use. */
export const db: Database = new Proxy({} as Database, {
	get(_target, property) {
		const target = connection().db as unknown as Record<PropertyKey, unknown>
		const value = target[property]
		return typeof value === 'function' ? value.bind(target) : value
	},
})

export function databaseInfo(): { kind: DatabaseKind; location: string } {
	const { kind, location } = connection()
	return { kind, location }
}

/** How the render queue reaches the application's database (opened on first use). */
export function queueDatabase(): QueueDatabase {
	return connection().queue
}

// On globalThis like the handle: the dev server's modules and the server's own may be two copies of this file.
const hookStore = globalThis as typeof globalThis & { __bazaarDatabaseCloseHooks?: Set<() => Promise<void>> }
const closeHooks = (hookStore.__bazaarDatabaseCloseHooks ??= new Set())

/** Runs `hook` before the database closes (the render queue stops first, so no job is cut off mid-query). */
export function beforeDatabaseCloses(hook: () => Promise<void>) {
	closeHooks.add(hook)
	return () => closeHooks.delete(hook)
}

export async function closeDatabase() {
	for (const hook of [...closeHooks]) await hook().catch((error) => console.error(error))
	const current = globalStore.__bazaarDatabase
	globalStore.__bazaarDatabase = undefined
	await current?.close()
}

/**
 * Runs raw SQL and returns its rows. PGlite answers `{ rows }` and postgres.js
 * a plain array; this is the one place that knows.
 */
export async function queryRows<Row = Record<string, unknown>>(query: SQL, database: Database = db): Promise<Row[]> {
	const result = (await database.execute(query)) as unknown
	if (Array.isArray(result)) return result as Row[]
	return ((result as { rows?: Row[] }).rows ?? []) as Row[]
}

export async function checkDatabaseHealth(timeoutMs = 2000) {
	const started = performance.now()
	let timer: NodeJS.Timeout | undefined
	try {
		await Promise.race([
			// Once more on a failure: as PostgreSQL comes back, a pooled session it terminated while
			// stopping can still hand its first query that old error (57P01, "terminating connection due
			// to administrator command"), which says nothing about the database now; two failures do.
			queryRows(sql`select 1 as ok`).catch(() => queryRows(sql`select 1 as ok`)),
			new Promise((_, reject) => {
				timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
			}),
		])
		return { ok: true as const, ...databaseInfo(), latencyMs: Math.round(performance.now() - started) }
	} catch (error) {
		return { ok: false as const, error: errorWithCauses(error) }
	} finally {
		clearTimeout(timer)
	}
}

/** An error's message with its causes' (a query builder wraps the driver's error, whose code says what happened). */
function errorWithCauses(error: unknown) {
	const parts: string[] = []
	for (let current = error, depth = 0; current && depth < 4; current = (current as { cause?: unknown }).cause, depth++) {
		const { message, code } = current as { message?: string; code?: string }
		parts.push(`${code ? `${code}: ` : ''}${message ?? String(current)}`.trim())
	}
	return parts.join(' ← ')
}
