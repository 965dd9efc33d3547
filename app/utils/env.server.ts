/**
 * Environment variables, parsed once by a zod schema. Names and defaults are
 * the contract in docs/architecture.md ("Environment variables"). Nothing else
 * reads process.env.
 */
import { statSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

const DEV_SESSION_SECRET = 'dev-only-session-secret-change-me'
const DEV_SIGNING_SECRET = 'dev-only-bazaar-signing-secret-change-me'

const flag = z
	.string()
	.optional()
	.transform((value) => (value === undefined ? undefined : ['1', 'true', 'on', 'yes'].includes(value.toLowerCase())))

const EnvSchema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	DATABASE_URL: z.string().min(1).optional(),
	PGLITE_DATA_DIR: z.string().min(1).default('.data/pglite'),
	SESSION_SECRET: z.string().min(1).optional(),
	BAZAAR_SIGNING_SECRET: z.string().min(1).optional(),
	BAZAAR_APP_URL: z.url().default('http://localhost:3001'),
	PUBLIC_URL: z.url().optional(),
	WIDGET_ALLOWED_ORIGINS: z
		.string()
		.default('')
		.transform((value) =>
			value
				.split(',')
				.map((origin) => origin.trim().replace(/\/+$/, ''))
				.filter(Boolean),
		),
	REDIS_URL: z.string().min(1).optional(),
	/** Lifetime of an anonymous page in the page cache (server/page-cache.ts); 0 turns the cache off. */
	PAGE_CACHE_SECONDS: z.coerce.number().int('PAGE_CACHE_SECONDS must be a whole number of seconds').min(0).max(3600).default(10),
	RATE_LIMIT_MULTIPLIER: z.coerce.number().positive('RATE_LIMIT_MULTIPLIER must be greater than 0').default(1),
	TRUST_PROXY: flag.transform((value) => value ?? false),
	AUTH_DEMO_LOGIN: flag,
	GITHUB_CLIENT_ID: z.string().min(1).optional(),
	GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
	/** A directory of the editor's avatar pictures (`asian-woman.png`, `irish guy.png`…) served as `window.BazaarAvatars`; unset: stand-in portraits. */
	BAZAAR_AVATARS_DIR: z
		.string()
		.min(1)
		.optional()
		.transform((value) => (value === undefined ? undefined : path.resolve(value)))
		.refine((directory) => directory === undefined || statSync(directory, { throwIfNoEntry: false })?.isDirectory(), 'no such directory'),
	/** The Chromium render jobs drive (Debian's by default). */
	CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
	/** `off`: the web server only queues render jobs and leaves them to `npm run worker` processes. */
	RENDER_JOBS: flag.transform((value) => value ?? true),
	/** `off`: a starting worker does not queue the templates that were never rendered (it works only what is asked). */
	RENDER_BACKFILL: flag.transform((value) => value ?? true),
	/** Lets the publish-time media copier fetch from private and loopback addresses; only tests set it. */
	MEDIA_FETCH_ALLOW_PRIVATE: flag.transform((value) => value ?? false),
})

export type Env = ReturnType<typeof parseEnv>

export function parseEnv(source: Record<string, string | undefined>) {
	const parsed = EnvSchema.safeParse(source)
	if (!parsed.success) {
		const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n')
		throw new Error(`Invalid environment configuration:\n${problems}`)
	}
	const raw = parsed.data
	const embeddedDatabase = !raw.DATABASE_URL
	// "Production" means a real deployment: a production build on a real database.
	// The embedded-database demo (`npm start` with no DATABASE_URL) runs a production
	// build too, but stays a demo: dev secrets and demo sign-in are allowed there.
	const isProduction = raw.NODE_ENV === 'production' && !embeddedDatabase
	if (isProduction) {
		const missing = (['SESSION_SECRET', 'BAZAAR_SIGNING_SECRET'] as const).filter((name) => !raw[name])
		if (missing.length > 0) {
			throw new Error(
				`Refusing to start in production without ${missing.join(' and ')}. Set ${missing.length > 1 ? 'them' : 'it'} to a long random value.`,
			)
		}
	}
	return {
		...raw,
		embeddedDatabase,
		isProduction,
		SESSION_SECRET: raw.SESSION_SECRET ?? DEV_SESSION_SECRET,
		BAZAAR_SIGNING_SECRET: raw.BAZAAR_SIGNING_SECRET ?? DEV_SIGNING_SECRET,
		demoLoginEnabled: raw.AUTH_DEMO_LOGIN ?? !isProduction,
		githubEnabled: Boolean(raw.GITHUB_CLIENT_ID && raw.GITHUB_CLIENT_SECRET),
	}
}

let cached: Env | undefined

/** The parsed environment; parsed on first use so tests can set variables first. */
export function getEnv(): Env {
	cached ??= parseEnv(process.env)
	return cached
}

/** Forget the parsed environment, for tests and scripts that change process.env before using the app. */
export function resetEnvCache() {
	cached = undefined
}
