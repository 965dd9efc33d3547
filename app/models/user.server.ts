/**
 * Users live in the editor's `bazaar-vid_user` table. Sign-in strategies find
 * or create them here: the editor token (by id), GitHub (by a GitHub id, or a
 * verified email already known), demo accounts (seeded users only).
 */
import { eq, inArray, sql } from 'drizzle-orm'
import { type Database, db } from '#app/db/client.server.ts'
import { DEMO_USERS } from '#app/db/demo-content.ts'
import { type User, users } from '#app/db/schema.ts'

export async function findUserById(id: string, database: Database = db): Promise<User | null> {
	const [user] = await database.select().from(users).where(eq(users.id, id)).limit(1)
	return user ?? null
}

export async function findUserByEmail(email: string, database: Database = db): Promise<User | null> {
	const [user] = await database
		.select()
		.from(users)
		.where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
		.orderBy(users.id)
		.limit(1)
	return user ?? null
}

/**
 * The user an editor token names. An unknown `sub` is created from the token's
 * email and name (the editor vouches for them); without an email it is refused (null).
 */
export async function findOrCreateUserFromToken(
	claims: { sub: string; email?: string; name?: string },
	database: Database = db,
): Promise<User | null> {
	const existing = await findUserById(claims.sub, database)
	if (existing) return existing
	if (!claims.email) return null
	// Two first requests with the same new token may race: the second insert does nothing.
	await database
		.insert(users)
		.values({ id: claims.sub, email: claims.email, name: claims.name ?? claims.email.split('@')[0] ?? null })
		.onConflictDoNothing({ target: users.id })
	return findUserById(claims.sub, database)
}

export interface GitHubProfile {
	id: number
	login: string
	name: string | null
	avatarUrl: string | null
	/** The primary email, only when GitHub says it is verified. */
	verifiedEmail: string | null
}

export const gitHubUserId = (githubId: number) => `github-${githubId}`

/**
 * The editor's user table requires an email. A GitHub account that shows no
 * verified one gets GitHub's own no-reply address for it, which GitHub
 * accepts and discards, never an address someone else may own.
 */
export const gitHubNoReplyEmail = (profile: Pick<GitHubProfile, 'id' | 'login'>) => `${profile.id}+${profile.login}@users.noreply.github.com`

/** The user behind a GitHub account: the one made for it before, or an existing user with the same verified email, or a new one. */
export async function findOrCreateGitHubUser(profile: GitHubProfile, database: Database = db): Promise<User> {
	const id = gitHubUserId(profile.id)
	const byId = await findUserById(id, database)
	if (byId) return byId
	if (profile.verifiedEmail) {
		const byEmail = await findUserByEmail(profile.verifiedEmail, database)
		if (byEmail) return byEmail
	}
	await database
		.insert(users)
		.values({
			id,
			name: (profile.name ?? profile.login).slice(0, 255),
			email: (profile.verifiedEmail ?? gitHubNoReplyEmail(profile)).slice(0, 255),
			image: profile.avatarUrl,
		})
		.onConflictDoNothing({ target: users.id })
	const created = await findUserById(id, database)
	if (!created) throw new Error(`Could not create the user for GitHub account ${profile.login}`)
	return created
}

/** The demo accounts anyone may sign in as when demo sign-in is on (the seeded users, if present). */
export async function listDemoAccounts(database: Database = db): Promise<Pick<User, 'id' | 'name' | 'email' | 'isAdmin'>[]> {
	const rows = await database
		.select({ id: users.id, name: users.name, email: users.email, isAdmin: users.isAdmin })
		.from(users)
		.where(inArray(users.id, DEMO_USERS.map((user) => user.id)))
	const order = DEMO_USERS.map((user) => user.id)
	return rows.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id))
}

/** A seeded demo user by email, or null for any other address (demo sign-in never reaches real accounts). */
export async function findDemoUserByEmail(email: string, database: Database = db): Promise<User | null> {
	const demo = DEMO_USERS.find((user) => user.email.toLowerCase() === email.trim().toLowerCase())
	if (!demo) return null
	const [user] = await database.select().from(users).where(eq(users.id, demo.id)).limit(1)
	return user ?? null
}
