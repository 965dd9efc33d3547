/**
 * Security headers of every HTML page the site renders (docs/security.md):
 * a Content-Security-Policy whose scripts must carry this request's nonce,
 * nosniff, a referrer policy, frame rules and a minimal Permissions-Policy.
 * The preview document (/preview/…) is a resource route with its own, stricter
 * policy that lets the widget origins frame it (app/models/preview.server.ts).
 */
import { randomBytes } from 'node:crypto'
import { getEnv } from './env.server.ts'

/** 128 random bits, base64: unguessable, and safe inside a header and an attribute. */
export function createNonce() {
	return randomBytes(16).toString('base64')
}

function originOf(url: string) {
	try {
		return new URL(url).origin
	} catch {
		return null
	}
}

export function siteContentSecurityPolicy(nonce: string) {
	const env = getEnv()
	// A form post may end in a redirect to another site (Chromium enforces form-action on
	// redirects): "use template" lands in the editor, "sign in with GitHub" on github.com.
	const formTargets = ["'self'", originOf(env.BAZAAR_APP_URL), ...(env.githubEnabled ? ['https://github.com'] : [])].filter(Boolean)
	return [
		"default-src 'self'",
		// Only scripts that carry the nonce (Remix's inline hydration scripts) or come from
		// this origin (the fingerprinted bundles they import). No eval, no inline handlers.
		`script-src 'self' 'nonce-${nonce}'`,
		// React renders `style` attributes (chart bars, posters, aspect ratios).
		"style-src 'self' 'unsafe-inline'",
		// Thumbnails and avatars may live on other HTTPS hosts (GitHub avatars).
		"img-src 'self' data: https:",
		"font-src 'self' data:",
		"connect-src 'self'",
		"media-src 'self' data: blob:",
		// Previews play in same-origin sandboxed iframes.
		"frame-src 'self'",
		"object-src 'none'",
		"base-uri 'self'",
		`form-action ${formTargets.join(' ')}`,
		"frame-ancestors 'self'",
	].join('; ')
}

export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'

/** Sets the page headers (CSP with this nonce, nosniff, referrer, frames, permissions). */
export function applyPageSecurityHeaders(headers: Headers, nonce: string) {
	headers.set('Content-Security-Policy', siteContentSecurityPolicy(nonce))
	headers.set('X-Content-Type-Options', 'nosniff')
	// A route may ask for a stricter one (the SSO landing uses no-referrer).
	if (!headers.has('Referrer-Policy')) headers.set('Referrer-Policy', 'strict-origin-when-cross-origin')
	headers.set('X-Frame-Options', 'SAMEORIGIN')
	headers.set('Permissions-Policy', PERMISSIONS_POLICY)
}
