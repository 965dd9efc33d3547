import { createHash, randomBytes } from 'node:crypto'

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** A uniformly random base62 string (rejection sampling, so no modulo bias). */
export function randomBase62(length: number) {
	let out = ''
	while (out.length < length) {
		for (const byte of randomBytes(length * 2)) {
			if (byte < 248 && out.length < length) out += BASE62[byte % 62]
		}
	}
	return out
}

/** A stable UUID derived from a name (same name, same id): used for idempotent demo content. */
export function uuidFromName(name: string) {
	const hex = createHash('sha256').update(name).digest('hex')
	const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

export function sha256Hex(text: string | Uint8Array) {
	return createHash('sha256').update(text).digest('hex')
}

/**
 * Whether a slug or id from a URL could name a template at all. PostgreSQL
 * rejects text with a NUL byte (an error, not "no row"), and no slug is longer
 * than its column, so such keys are answered "not found" without a query.
 */
export function couldBeTemplateKey(value: string) {
	return value.length > 0 && value.length <= 255 && !value.includes('\u0000')
}
