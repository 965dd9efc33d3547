/**
 * window.IconifyIcon (the props of @iconify/react's `Icon`) and
 * window.__InlineIcon, drawing Iconify icons as inline SVG from data served by
 * our origin. The document preloads the icons a scene names
 * (`/preview/icons.js?icons=…`, which calls `BazaarIcons.add`); a name only
 * known at run time is fetched the same way, as a classic script. An icon no
 * set has renders a visible placeholder, never a crash. @iconify/react's
 * offline build never calls the Iconify API.
 */
import { Icon, type IconProps, addCollection } from '@iconify/react/offline'
import type { IconifyJSON } from '@iconify/types'
import React from 'react'
import { MAX_ICONS_PER_REQUEST, iconScriptUrl, isServedIconName } from '../../../app/utils/scene-icons.ts'

type IconState = 'loading' | 'ready' | 'missing'
const states = new Map<string, IconState>()
const listeners = new Set<() => void>()
let version = 0
function changed() {
	version++
	for (const listener of listeners) listener()
}
const subscribe = (listener: () => void) => {
	listeners.add(listener)
	return () => listeners.delete(listener)
}

let pending: string[] = []
function request(name: string) {
	if (states.has(name)) return
	states.set(name, 'loading')
	pending.push(name)
	if (pending.length === 1) queueMicrotask(loadPending)
}
function loadPending() {
	const names = pending
	pending = []
	for (let start = 0; start < names.length; start += MAX_ICONS_PER_REQUEST) {
		const batch = names.slice(start, start + MAX_ICONS_PER_REQUEST)
		const script = document.createElement('script')
		script.src = iconScriptUrl(batch)
		script.onerror = () => markMissing(batch.filter((name) => states.get(name) === 'loading'))
		// Whatever the script did not hand over does not exist.
		script.onload = () => markMissing(batch.filter((name) => states.get(name) === 'loading'))
		document.head.append(script)
	}
}
function markMissing(names: string[]) {
	if (names.length === 0) return
	for (const name of names) states.set(name, 'missing')
	changed()
}

/** Called by `/preview/icons.js`. */
const BazaarIcons = Object.freeze({
	add(iconSet: IconifyJSON) {
		addCollection(iconSet)
		for (const name of [...Object.keys(iconSet.icons), ...Object.keys(iconSet.aliases ?? {})]) states.set(`${iconSet.prefix}:${name}`, 'ready')
		changed()
	},
	missing(names: string[]) {
		markMissing(names)
	},
})

function useIconState(name: string | undefined): IconState {
	React.useSyncExternalStore(subscribe, () => version)
	React.useEffect(() => {
		if (name !== undefined && isServedIconName(name)) request(name)
	}, [name])
	if (name === undefined || !isServedIconName(name)) return 'missing'
	return states.get(name) ?? 'loading'
}

const cssSize = (value: string | number | undefined) => (value === undefined || value === 'auto' || value === 'unset' || value === 'none' ? undefined : value)

/** Same box as the icon would take; a dashed square with "?" once we know the icon does not exist. */
function IconPlaceholder({ name, missing, props }: { name: string; missing: boolean; props: IconProps }) {
	const width = cssSize(props.width) ?? cssSize(props.height) ?? '1em'
	const height = cssSize(props.height) ?? cssSize(props.width) ?? '1em'
	const style: React.CSSProperties = { display: 'inline-block', width, height, color: props.color, verticalAlign: props.inline ? '-0.125em' : undefined, ...props.style }
	if (!missing) return <span aria-hidden="true" className={props.className} style={style} />
	return (
		<svg viewBox="0 0 24 24" role="img" aria-label={`Unknown icon ${name}`} data-icon-missing={name} className={props.className} style={style}>
			<rect x="1.5" y="1.5" width="21" height="21" rx="3" fill="none" stroke="currentColor" strokeWidth="1.5" strokeDasharray="3 2" />
			<text x="12" y="17" textAnchor="middle" fontSize="14" fontFamily="system-ui, sans-serif" fill="currentColor">?</text>
		</svg>
	)
}

const IconifyIcon = React.forwardRef<SVGSVGElement, IconProps>(function IconifyIcon(props, ref) {
	const name = typeof props.icon === 'string' ? props.icon : undefined
	const state = useIconState(name)
	if (typeof props.icon === 'object' && props.icon !== null) return <Icon {...props} ref={ref} />
	if (state === 'ready') return <Icon {...props} ref={ref} />
	if (state === 'loading' && props.fallback !== undefined) return <>{props.fallback}</>
	return <IconPlaceholder name={String(props.icon)} missing={state === 'missing'} props={props} />
})

/** The editor's render pipeline swaps IconifyIcon for this; it draws the same icon, inline. */
function InlineIcon({ icon, style, ...props }: IconProps) {
	return <IconifyIcon icon={icon} style={{ display: 'inline-block', verticalAlign: 'middle', ...style }} {...props} />
}

Object.assign(window, { IconifyIcon, __InlineIcon: InlineIcon, BazaarIcons })
