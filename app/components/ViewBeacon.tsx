import { useLocation } from '@remix-run/react'
import { useEffect, useRef } from 'react'

export const EVENTS_ENDPOINT = '/api/v1/events'

/**
 * Counts a template page view from the browser, so a page served from a CDN
 * cache still counts (docs/gallery.md, "Counting views"). One beacon per
 * navigation; `alreadyLogged` is true when the server already wrote the view
 * (a signed-in visitor's uncached page). Arriving from a gallery card
 * (`?ref=gallery`) also counts a click; the parameter is then dropped from
 * the address bar so shared links stay clean. Crawlers are filtered by the
 * events endpoint (isbot on the beacon's user agent).
 */
export function ViewBeacon({ templateId, alreadyLogged }: { templateId: string; alreadyLogged: boolean }) {
	// Keyed on the navigation, not on the data: a revalidation (after favoriting) is not a new view.
	const { key: navigationKey } = useLocation()
	const loggedByServer = useRef(alreadyLogged)
	loggedByServer.current = alreadyLogged
	useEffect(() => {
		const alreadyLogged = loggedByServer.current
		const url = new URL(window.location.href)
		const fromGallery = url.searchParams.get('ref') === 'gallery'
		if (!alreadyLogged) {
			const newId = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? { id: crypto.randomUUID() } : {})
			const events = [
				{ ...newId(), templateId, type: 'view', source: 'community_site' },
				...(fromGallery ? [{ ...newId(), templateId, type: 'click', source: 'community_site' }] : []),
			]
			const body = JSON.stringify({ events })
			const sent = typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(EVENTS_ENDPOINT, new Blob([body], { type: 'application/json' }))
			if (!sent) {
				void fetch(EVENTS_ENDPOINT, { method: 'POST', body, headers: { 'Content-Type': 'application/json' }, keepalive: true }).catch(() => {})
			}
		}
		if (url.searchParams.has('ref')) {
			url.searchParams.delete('ref')
			window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`)
		}
	}, [templateId, navigationKey])
	return null
}
