/** Display formatting shared by the gallery, template pages and the dashboard. */
import { SCENE_FPS } from '#app/vocabulary.ts'

/** Frames as whole seconds. */
export function framesToSeconds(frames: number) {
	return frames / SCENE_FPS
}

/** Frames as `12s` or `1:05`. */
export function formatDuration(frames: number) {
	const seconds = Math.round(framesToSeconds(frames))
	if (seconds < 60) return `${seconds}s`
	return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}

/** 950 → `950`, 1234 → `1.2k`, 2500000 → `2.5M`. */
export function formatCount(value: number) {
	if (value < 1000) return String(value)
	if (value < 1_000_000) return `${(value / 1000).toFixed(value < 10_000 ? 1 : 0).replace(/\.0$/, '')}k`
	return `${(value / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`
}

export function formatDate(iso: string) {
	return new Date(iso).toLocaleDateString('en', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
}

/** Frames as `4.5 s` (a scene's length beside its name). */
export function formatSeconds(frames: number) {
	return `${framesToSeconds(frames).toFixed(1)} s`
}

export function plural(count: number, one: string, many = `${one}s`) {
	return `${count} ${count === 1 ? one : many}`
}
