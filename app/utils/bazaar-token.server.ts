/**
 * The editor-signed token: a compact JWS, HS256 with
 * BAZAAR_SIGNING_SECRET, claims `sub` (the bazaar-vid_user id), `exp`, and
 * `email`/`name` (used to create the user when the id is new). It opens a site
 * session at `GET /auth/bazaar?token=…` and authenticates API calls as
 * `Authorization: Bearer …` (app/models/auth.server.ts turns it into a
 * user). jose does the cryptography.
 */
import { errors, jwtVerify, SignJWT } from 'jose'
import { z } from 'zod'
import { getEnv } from './env.server.ts'

const ALGORITHM = 'HS256'
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 15 * 60

const ClaimsSchema = z.object({
	sub: z.string().min(1).max(255),
	exp: z.number().int(),
	email: z.email().max(255).optional(),
	name: z.string().max(255).optional(),
})
export type BazaarTokenClaims = z.infer<typeof ClaimsSchema>

export class InvalidBazaarTokenError extends Error {
	override name = 'InvalidBazaarTokenError'
}

function signingKey(secret = getEnv().BAZAAR_SIGNING_SECRET) {
	return new TextEncoder().encode(secret)
}

/** Signs a token the way the editor does (used by `npm run widget:token` and tests). */
export async function signBazaarToken(
	claims: { sub: string; email?: string | null; name?: string | null },
	{ expiresInSeconds = DEFAULT_TOKEN_LIFETIME_SECONDS, secret }: { expiresInSeconds?: number; secret?: string } = {},
) {
	const payload: Record<string, string> = {}
	if (claims.email) payload.email = claims.email
	if (claims.name) payload.name = claims.name
	return new SignJWT(payload)
		.setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
		.setSubject(claims.sub)
		.setIssuedAt()
		.setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
		.sign(signingKey(secret))
}

/** The token's claims, or an InvalidBazaarTokenError saying why not (expired, bad signature, malformed). */
export async function verifyBazaarToken(token: string): Promise<BazaarTokenClaims> {
	try {
		const { payload } = await jwtVerify(token, signingKey(), { algorithms: [ALGORITHM], requiredClaims: ['sub', 'exp'] })
		const parsed = ClaimsSchema.safeParse(payload)
		if (!parsed.success) throw new InvalidBazaarTokenError('The token has malformed claims')
		return parsed.data
	} catch (error) {
		if (error instanceof InvalidBazaarTokenError) throw error
		if (error instanceof errors.JWTExpired) throw new InvalidBazaarTokenError('The token has expired')
		if (error instanceof errors.JWSSignatureVerificationFailed) throw new InvalidBazaarTokenError('The token signature is not valid')
		throw new InvalidBazaarTokenError('The token is not valid')
	}
}

export function bearerToken(request: Pick<Request, 'headers'>) {
	const header = request.headers.get('authorization')
	const match = header?.match(/^Bearer\s+(\S+)\s*$/i)
	return match?.[1] ?? null
}
