/**
 * Remote media in the preview: the scene's code keeps the creator's absolute
 * URLs (`https://…/photo.jpg`), which the CSP would block. Publishing copied
 * each file to our origin; the document lists URL → `/media/<sha256>` in a
 * JSON block (`#scene-media`). The scene's `React.createElement` is wrapped so
 * every prop that is exactly such a URL (`src`, `poster`, a custom `image`
 * prop…) and every style value that contains one (`url(…)`) gets our copy.
 *
 * This is a bundle of its own (`/preview-runtime/media.js`), which the
 * preview document loads only for a scene with copied media: a scene without
 * any downloads none of it. It hands the core runtime `sceneMediaReact`
 * before the scene script runs.
 */
import type React from 'react'

export type MediaMap = ReadonlyMap<string, string>

export function readMediaMap(): MediaMap {
	const block = document.getElementById('scene-media')
	if (!block?.textContent) return new Map()
	try {
		const parsed: unknown = JSON.parse(block.textContent)
		if (!parsed || typeof parsed !== 'object') return new Map()
		return new Map(Object.entries(parsed as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
	} catch {
		return new Map()
	}
}

function replaceInText(text: string, media: MediaMap) {
	let out = text
	for (const [url, copy] of media) if (out.includes(url)) out = out.split(url).join(copy)
	return out
}

function mapStyle(style: Record<string, unknown>, media: MediaMap) {
	let changed: Record<string, unknown> | undefined
	for (const [key, value] of Object.entries(style)) {
		if (typeof value !== 'string' || !value.includes('://')) continue
		const mapped = replaceInText(value, media)
		if (mapped !== value) (changed ??= { ...style })[key] = mapped
	}
	return changed ?? style
}

function mapProps(props: Record<string, unknown> | null | undefined, media: MediaMap) {
	if (!props) return props
	let changed: Record<string, unknown> | undefined
	for (const [key, value] of Object.entries(props)) {
		if (typeof value === 'string') {
			const copy = media.get(value)
			if (copy !== undefined) (changed ??= { ...props })[key] = copy
		} else if (key === 'style' && value && typeof value === 'object') {
			const style = mapStyle(value as Record<string, unknown>, media)
			if (style !== value) (changed ??= { ...props })[key] = style
		}
	}
	return changed ?? props
}

/** React as the scene sees it: the same module, with `createElement` swapping copied URLs. Unchanged when the scene has no remote media. */
export function reactWithMediaCopies<R extends typeof React>(react: R, media: MediaMap): R {
	if (media.size === 0) return react
	const createElement = ((type: unknown, props: Record<string, unknown> | null, ...children: unknown[]) =>
		(react.createElement as (...args: unknown[]) => unknown)(type, mapProps(props, media), ...children)) as R['createElement']
	return Object.freeze({ ...react, createElement }) as R
}

declare global {
	interface Window {
		/** Set by this bundle; the core runtime gives the scene `sceneMediaReact(React)` instead of React when present. */
		sceneMediaReact?: <R extends typeof React>(react: R) => R
	}
}

window.sceneMediaReact = (react) => reactWithMediaCopies(react, readMediaMap())
