// `npm run widget:demo`: a stand-in for the editor, on its own origin
// (http://localhost:3351 by default), that embeds <bazaar-template-panel> the
// way the editor would and logs every event the panel dispatches.
// Like the editor, it signs the panel's token on its server (GET /token), with
// the secret it shares with the community app.
//
//   BAZAAR_API_BASE        the community app (default http://localhost:3000)
//   BAZAAR_SIGNING_SECRET  the app's secret (default: the app's dev-only value)
//   WIDGET_DEMO_PORT       default 3351 (must be in the app's WIDGET_ALLOWED_ORIGINS)
//
// The app must allow this origin: WIDGET_ALLOWED_ORIGINS=http://localhost:3351 npm start
import { readFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { SignJWT } from 'jose'

const here = path.dirname(fileURLToPath(import.meta.url))
const DEV_SIGNING_SECRET = 'dev-only-bazaar-signing-secret-change-me'
const DEMO_USERS = {
	'demo-kai': { name: 'Kai Nakamura', email: 'kai@bazaar.example' },
	'demo-maya': { name: 'Maya Chen', email: 'maya@bazaar.example' },
}

/**
 * What the editor's server does: a short-lived HS256 token naming its user (claims as docs/auth.md describes them).
 * @param {{ secret: string, userId: string, name?: string, email?: string, expiresIn?: string | number }} options
 *   `expiresIn`: a jose duration ('15m') or an absolute `exp` in epoch seconds.
 */
export async function signPanelToken({ secret, userId, name, email, expiresIn = '15m' }) {
	return new SignJWT({ name, email })
		.setProtectedHeader({ alg: 'HS256' })
		.setSubject(userId)
		.setIssuedAt()
		.setExpirationTime(expiresIn)
		.sign(new TextEncoder().encode(secret))
}

function escapeAttribute(value) {
	return String(value).replace(/[&"<>]/g, (char) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[char])
}

export async function startDemoHost({
	port = Number(process.env.WIDGET_DEMO_PORT ?? 3351),
	apiBase = process.env.BAZAAR_API_BASE ?? 'http://localhost:3000',
	secret = process.env.BAZAAR_SIGNING_SECRET ?? DEV_SIGNING_SECRET,
} = {}) {
	const server = http.createServer(async (request, response) => {
		const url = new URL(request.url ?? '/', `http://localhost:${port}`)
		const userId = url.searchParams.get('user') ?? 'demo-kai'
		const known = DEMO_USERS[userId] ?? {}
		const identity = { userId, name: url.searchParams.get('name') ?? known.name ?? userId, email: url.searchParams.get('email') ?? known.email }
		try {
			if (url.pathname === '/token') {
				const token = await signPanelToken({ secret, ...identity })
				response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
				response.end(JSON.stringify({ token }))
				return
			}
			if (url.pathname === '/' || url.pathname === '/host.html') {
				// ?anonymous=1 leaves the token out: the panel is then read-only.
				const token = url.searchParams.has('anonymous') ? '' : await signPanelToken({ secret, ...identity })
				const attributes = [
					`api-base="${escapeAttribute(apiBase)}"`,
					token && `token="${escapeAttribute(token)}"`,
					url.searchParams.get('project') && `project-id="${escapeAttribute(url.searchParams.get('project'))}"`,
					url.searchParams.get('format') && `format="${escapeAttribute(url.searchParams.get('format'))}"`,
					url.searchParams.get('page-size') && `page-size="${escapeAttribute(url.searchParams.get('page-size'))}"`,
				]
					.filter(Boolean)
					.join(' ')
				const html = readFileSync(path.join(here, 'host.html'), 'utf8')
					.replaceAll('%API_BASE%', escapeAttribute(apiBase))
					.replace('%PANEL_ATTRIBUTES%', attributes)
					.replaceAll('%USER%', escapeAttribute(userId))
				response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
				response.end(html)
				return
			}
			if (url.pathname === '/favicon.ico') {
				response.writeHead(204)
				response.end()
				return
			}
			response.writeHead(404, { 'Content-Type': 'text/plain' })
			response.end('Not found')
		} catch (error) {
			response.writeHead(500, { 'Content-Type': 'text/plain' })
			response.end(String(error))
		}
	})
	await new Promise((resolve, reject) => {
		server.once('error', reject)
		server.listen(port, resolve)
	})
	return { server, url: `http://localhost:${port}`, close: () => new Promise((resolve) => server.close(resolve)) }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const host = await startDemoHost()
	console.log(`Demo host (the "editor") at ${host.url} — embeds the panel from ${process.env.BAZAAR_API_BASE ?? 'http://localhost:3000'}`)
	console.log('Options: ?project=<project uuid>  ?format=portrait  ?anonymous=1  ?user=demo-maya')
	for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => host.close().then(() => process.exit(0)))
}
