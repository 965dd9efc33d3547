/**
 * Fetches one remote image, video or audio file for a scene being published
 * (see `copySceneMedia` in app/models/scene-media.server.ts). The fetch runs on
 * our server with the creator choosing the URL, so it refuses to be a way into
 * our network: every address a name resolves to, and every redirect target,
 * must be public unicast (no private, loopback, link-local, CGNAT, multicast or
 * reserved ranges). The check happens in the socket's own DNS lookup, so the
 * address that was checked is the address we connect to (no DNS rebinding
 * between check and connection). `MEDIA_FETCH_ALLOW_PRIVATE=1` lifts the
 * address rule; only tests set it, to serve media from a local server.
 */
import dns from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import ipaddr from 'ipaddr.js'

export const MEDIA_FETCH_MAX_BYTES = 20 * 1024 * 1024
export const MEDIA_FETCH_TIMEOUT_MS = 10_000
const MAX_REDIRECTS = 5
const ALLOWED_TYPE = /^(image|video|audio)\/[a-z0-9.+-]+$/

export interface FetchedMedia {
	contentType: string
	bytes: Buffer
	/** The URL that finally answered (after redirects). */
	finalUrl: string
}

export class MediaFetchError extends Error {}

export interface MediaFetchOptions {
	allowPrivateAddresses: boolean
	/** The address rule; by default public unicast only (anything when `allowPrivateAddresses`). */
	isAllowedAddress?: (address: string) => boolean
	maxBytes?: number
	timeoutMs?: number
}

/** Whether an address is one we may connect to: public unicast only (IPv4-mapped IPv6 judged as IPv4). */
export function isPublicAddress(address: string) {
	if (!ipaddr.isValid(address)) return false
	let parsed = ipaddr.parse(address)
	if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address()
	return parsed.range() === 'unicast'
}

function refuseAddress(address: string) {
	return new MediaFetchError(`its address ${address} is private, loopback or link-local; only public addresses are fetched`)
}

/** A `lookup` for http.request that refuses non-public addresses before the socket connects. */
function checkedLookup(isAllowed: (address: string) => boolean): net.LookupFunction {
	return (hostname, options, callback) => {
		dns.lookup(hostname, { all: true, family: options.family, hints: options.hints }, (error, addresses) => {
			if (error) return callback(new MediaFetchError(`the name ${hostname} does not resolve (${error.code ?? error.message})`), '', 4)
			const list = addresses as dns.LookupAddress[]
			const refused = list.find((entry) => !isAllowed(entry.address))
			if (refused) return callback(refuseAddress(refused.address), '', 4)
			if (list.length === 0) return callback(new MediaFetchError(`the name ${hostname} has no address`), '', 4)
			if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list)
			callback(null, list[0]!.address, list[0]!.family)
		})
	}
}

/** Downloads `url`, following up to 5 redirects, within the size and time limits; throws MediaFetchError saying what went wrong. */
export async function fetchRemoteMedia(url: string, options: MediaFetchOptions): Promise<FetchedMedia> {
	const maxBytes = options.maxBytes ?? MEDIA_FETCH_MAX_BYTES
	const timeoutMs = options.timeoutMs ?? MEDIA_FETCH_TIMEOUT_MS
	const isAllowed = options.isAllowedAddress ?? (options.allowPrivateAddresses ? () => true : isPublicAddress)
	const controller = new AbortController()
	const timer = setTimeout(() => controller.abort(), timeoutMs)
	try {
		let current = url
		for (let redirects = 0; ; redirects++) {
			const answer = await requestOnce(current, isAllowed, maxBytes, controller.signal)
			if ('location' in answer) {
				if (redirects >= MAX_REDIRECTS) throw new MediaFetchError(`it redirects more than ${MAX_REDIRECTS} times`)
				current = new URL(answer.location, current).toString()
				continue
			}
			return { ...answer, finalUrl: current }
		}
	} catch (error) {
		if (controller.signal.aborted) throw new MediaFetchError(`it did not download within ${timeoutMs / 1000} s`)
		throw error
	} finally {
		clearTimeout(timer)
	}
}

type OneAnswer = { location: string } | { contentType: string; bytes: Buffer }

function requestOnce(url: string, isAllowed: (address: string) => boolean, maxBytes: number, signal: AbortSignal): Promise<OneAnswer> {
	let parsed: URL
	try {
		parsed = new URL(url)
	} catch {
		return Promise.reject(new MediaFetchError('it is not a valid URL'))
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return Promise.reject(new MediaFetchError(`only http and https are fetched, not ${parsed.protocol}`))
	if (parsed.username || parsed.password) return Promise.reject(new MediaFetchError('URLs with credentials are not fetched'))
	// An address literal never goes through the lookup, so it is checked here.
	const literal = parsed.hostname.replace(/^\[|\]$/g, '')
	if (net.isIP(literal) && !isAllowed(literal)) return Promise.reject(refuseAddress(literal))

	const client = parsed.protocol === 'https:' ? https : http
	return new Promise<OneAnswer>((resolve, reject) => {
		const request = client.get(
			parsed,
			{ lookup: checkedLookup(isAllowed), signal, headers: { Accept: 'image/*, video/*, audio/*', 'User-Agent': 'BazaarCommunityMediaCopier/1' } },
			(response) => {
				const status = response.statusCode ?? 0
				if (status >= 300 && status < 400 && response.headers.location) {
					response.resume()
					return resolve({ location: response.headers.location })
				}
				if (status !== 200) {
					response.resume()
					return reject(new MediaFetchError(`the server answered ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`))
				}
				const contentType = (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
				if (!ALLOWED_TYPE.test(contentType)) {
					response.destroy()
					return reject(new MediaFetchError(`it is ${contentType || 'of no stated type'}, not an image, video or audio file`))
				}
				const declared = Number(response.headers['content-length'])
				const tooLarge = () => new MediaFetchError(`it is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`)
				if (Number.isFinite(declared) && declared > maxBytes) {
					response.destroy()
					return reject(tooLarge())
				}
				const chunks: Buffer[] = []
				let received = 0
				response.on('data', (chunk: Buffer) => {
					received += chunk.length
					if (received > maxBytes) {
						response.destroy()
						reject(tooLarge())
						return
					}
					chunks.push(chunk)
				})
				response.on('end', () => resolve({ contentType, bytes: Buffer.concat(chunks) }))
				response.on('error', reject)
			},
		)
		request.on('error', (error) => reject(error instanceof MediaFetchError ? error : signal.aborted ? error : new MediaFetchError(`the download failed (${(error as NodeJS.ErrnoException).code ?? error.message})`)))
	})
}
