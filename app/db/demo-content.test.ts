import React from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { Easing, interpolate, interpolateColors, random, spring } from 'remotion'
import { transform } from 'sucrase'
import { describe, expect, test } from 'vitest'
import { CATEGORY_SLUGS, FORMATS, STATUSES, VISIBILITIES, type Format } from '#app/vocabulary.ts'
import { DEMO_TEMPLATES, DEMO_USERS, type DemoScene } from './demo-content.ts'
import { SCENE_STYLES } from './demo-scenes.ts'

// ---------------------------------------------------------------------------
// Compiling and evaluating scene code the way the editor does
// ---------------------------------------------------------------------------

const DIMENSIONS: Record<Format, { width: number; height: number }> = {
	landscape: { width: 1920, height: 1080 },
	portrait: { width: 1080, height: 1920 },
	square: { width: 1080, height: 1080 },
}

function compile(tsxCode: string) {
	return transform(tsxCode, { transforms: ['typescript', 'jsx', 'imports'], jsxRuntime: 'classic', production: true }).code
}

function evaluate(code: string, remotion: Record<string, unknown>): Record<string, unknown> {
	const exports: Record<string, unknown> = {}
	// eslint-disable-next-line @typescript-eslint/no-implied-eval -- evaluating the compiled scene is the point of this test
	new Function('React', 'exports', 'window', code)(React, exports, { Remotion: remotion })
	return exports
}

/** Every name the editor exposes on window.Remotion, as inert stubs. */
function inertRemotion(): Record<string, unknown> {
	const component = ({ children }: { children?: React.ReactNode }) => React.createElement('div', null, children)
	return {
		AbsoluteFill: component,
		Sequence: component,
		Series: Object.assign(component, { Sequence: component }),
		Img: () => null,
		useCurrentFrame: () => 0,
		useVideoConfig: () => ({ fps: 30, width: 1920, height: 1080, durationInFrames: 150 }),
		interpolate: () => 0,
		interpolateColors: () => '#000000',
		spring: () => 0,
		Easing: new Proxy({}, { get: () => () => () => 0 }),
		random: () => 0.5,
	}
}

/**
 * A render-capable stand-in: the pure helpers are Remotion's own, the hooks
 * and layout components are minimal server-side versions driven by `state`.
 */
function renderingRemotion(state: { frame: number; width: number; height: number; durationInFrames: number }) {
	const FrameContext = React.createContext<number | null>(null)
	const useCurrentFrame = () => React.useContext(FrameContext) ?? state.frame
	const AbsoluteFill = ({ style, children }: { style?: React.CSSProperties; children?: React.ReactNode }) =>
		React.createElement('div', { style: { position: 'absolute', inset: 0, display: 'flex', flexDirection: 'column', ...style } }, children)
	const Sequence = ({ from = 0, durationInFrames = Infinity, children }: { from?: number; durationInFrames?: number; children?: React.ReactNode }) => {
		const frame = useCurrentFrame()
		if (frame < from || frame >= from + durationInFrames) return null
		return React.createElement(FrameContext.Provider, { value: frame - from }, React.createElement(AbsoluteFill, null, children))
	}
	return {
		AbsoluteFill,
		Sequence,
		Series: Object.assign(({ children }: { children?: React.ReactNode }) => React.createElement(React.Fragment, null, children), { Sequence }),
		Img: (props: Record<string, unknown>) => React.createElement('img', props),
		useCurrentFrame,
		useVideoConfig: () => ({ fps: 30, width: state.width, height: state.height, durationInFrames: state.durationInFrames, id: 'demo', defaultProps: {}, props: {} }),
		interpolate,
		interpolateColors,
		spring,
		Easing,
		random,
	}
}

const ALL_SCENES: Array<{ name: string; scene: DemoScene; formats: Format[] }> = [
	...DEMO_TEMPLATES.flatMap((template) =>
		template.scenes.map((scene, index) => ({ name: `${template.slug} #${index} (${scene.title})`, scene, formats: template.formats })),
	),
	...Object.entries(SCENE_STYLES).map(([style, generate]) => ({ name: `style ${style} (defaults)`, scene: generate(), formats: [...FORMATS] })),
]

describe('demo scenes', () => {
	test('the library has at least 12 distinct styles', () => {
		expect(Object.keys(SCENE_STYLES).length).toBeGreaterThanOrEqual(12)
		const codes = new Set(Object.values(SCENE_STYLES).map((generate) => generate().tsxCode))
		expect(codes.size).toBe(Object.keys(SCENE_STYLES).length)
	})

	test.each(ALL_SCENES)('$name compiles with sucrase and exports a component', ({ scene }) => {
		const exports = evaluate(compile(scene.tsxCode), inertRemotion())
		expect(typeof exports.default).toBe('function')
	})

	test.each(ALL_SCENES)('$name follows the scene rules', ({ scene }) => {
		const code = scene.tsxCode
		expect(code).toMatch(/window\.Remotion/)
		expect(code).toMatch(/export default function/)
		expect(code).not.toMatch(/^\s*import\s/m)
		expect(code).not.toMatch(/\brequire\(|\bfetch\(|\beval\(|new Function|XMLHttpRequest|WebSocket/)
		expect(code).not.toMatch(/window\.(?!Remotion\b)/)
		expect(code).not.toMatch(/document\.cookie|localStorage|sessionStorage|indexedDB|postMessage/)
		expect(code).not.toMatch(/https?:\/\/|url\((?!#)/)
		expect(code).not.toMatch(/@import|@font-face/)
		expect(Number.isInteger(scene.duration)).toBe(true)
		expect(scene.duration).toBeGreaterThanOrEqual(90)
		expect(scene.duration).toBeLessThanOrEqual(240)
		expect(Number.isInteger(scene.previewFrame)).toBe(true)
		expect(scene.previewFrame).toBeGreaterThanOrEqual(0)
		expect(scene.previewFrame).toBeLessThan(scene.duration)
		expect(scene.title.trim().length).toBeGreaterThan(0)
	})

	test.each(ALL_SCENES)('$name renders at the first, middle, preview and last frame in its formats', ({ scene, formats }) => {
		const state = { frame: 0, width: 0, height: 0, durationInFrames: scene.duration }
		const Component = evaluate(compile(scene.tsxCode), renderingRemotion(state)).default as React.ComponentType
		for (const format of formats) {
			Object.assign(state, DIMENSIONS[format])
			for (const frame of [0, Math.floor(scene.duration / 2), scene.previewFrame, scene.duration - 1]) {
				state.frame = frame
				const html = renderToStaticMarkup(React.createElement(Component))
				expect(html.length, `${format} @ ${frame}`).toBeGreaterThan(200)
				expect(html, `${format} @ ${frame}`).not.toMatch(/NaN|undefined|\[object Object\]/)
			}
		}
	})
})

// ---------------------------------------------------------------------------
// Structural rules for the demo storefront
// ---------------------------------------------------------------------------

describe('demo users', () => {
	test('4 to 5 users with unique keys, ids and example emails', () => {
		expect(DEMO_USERS.length).toBeGreaterThanOrEqual(4)
		expect(DEMO_USERS.length).toBeLessThanOrEqual(5)
		expect(new Set(DEMO_USERS.map((user) => user.key)).size).toBe(DEMO_USERS.length)
		expect(new Set(DEMO_USERS.map((user) => user.id)).size).toBe(DEMO_USERS.length)
		expect(new Set(DEMO_USERS.map((user) => user.email)).size).toBe(DEMO_USERS.length)
		for (const user of DEMO_USERS) {
			expect(user.id).toMatch(/^demo-[a-z]+$/)
			expect(user.email).toMatch(/^[a-z0-9.]+@bazaar\.example$/)
			expect(user.name.trim().length).toBeGreaterThan(0)
		}
	})

	test('exactly one admin', () => {
		expect(DEMO_USERS.filter((user) => user.isAdmin)).toHaveLength(1)
	})
})

describe('demo templates', () => {
	const publicActive = DEMO_TEMPLATES.filter((template) => template.visibility === 'public' && template.status === 'active')

	test('slugs are unique and kebab-case', () => {
		expect(new Set(DEMO_TEMPLATES.map((template) => template.slug)).size).toBe(DEMO_TEMPLATES.length)
		for (const template of DEMO_TEMPLATES) {
			if (template.visibility === 'unlisted') expect(template.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*-[A-Za-z0-9]{10,}$/)
			else expect(template.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
		}
	})

	test('at least 18 public, active templates across at least 7 categories', () => {
		expect(publicActive.length).toBeGreaterThanOrEqual(18)
		expect(new Set(publicActive.map((template) => template.category)).size).toBeGreaterThanOrEqual(7)
	})

	test('every field is valid', () => {
		const userKeys = new Set(DEMO_USERS.map((user) => user.key))
		for (const template of DEMO_TEMPLATES) {
			expect(CATEGORY_SLUGS).toContain(template.category)
			expect(VISIBILITIES).toContain(template.visibility)
			expect(STATUSES).toContain(template.status)
			expect(userKeys.has(template.ownerKey), template.slug).toBe(true)
			expect(template.title.trim()).toBe(template.title)
			expect(template.title.length).toBeGreaterThan(0)
			expect(template.formats.length).toBeGreaterThan(0)
			expect(new Set(template.formats).size).toBe(template.formats.length)
			for (const format of template.formats) expect(FORMATS).toContain(format)
			expect(template.tags.length).toBeGreaterThanOrEqual(2)
			expect(template.tags.length).toBeLessThanOrEqual(5)
			expect(new Set(template.tags).size).toBe(template.tags.length)
			for (const tag of template.tags) expect(tag).toBe(tag.toLowerCase().trim())
			expect(template.popularity).toBeGreaterThanOrEqual(0)
			expect(template.popularity).toBeLessThanOrEqual(1)
			expect(Number.isInteger(template.ageDays)).toBe(true)
			expect(template.ageDays).toBeGreaterThanOrEqual(0)
			expect(template.ageDays).toBeLessThanOrEqual(60)
			expect(template.scenes.length).toBeGreaterThanOrEqual(1)
			expect(template.scenes.length).toBeLessThanOrEqual(4)
		}
	})

	test('descriptions are plain text of one to three sentences', () => {
		for (const template of DEMO_TEMPLATES) {
			const text = template.description
			expect(text).not.toMatch(/<[a-z/!]/i)
			expect(text).not.toMatch(/\n{3,}/)
			const sentences = text.replace(/https?:\/\/\S+/g, 'link').split(/[.!?](?:\s|$)/).filter((part) => part.trim().length > 0)
			expect(sentences.length, template.slug).toBeGreaterThanOrEqual(1)
			expect(sentences.length, template.slug).toBeLessThanOrEqual(3)
		}
		expect(DEMO_TEMPLATES.some((template) => /https:\/\/\S+/.test(template.description))).toBe(true)
		expect(DEMO_TEMPLATES.some((template) => template.description.includes('\n\n'))).toBe(true)
	})

	test('all three formats appear, some templates support a single format', () => {
		const used = new Set(publicActive.flatMap((template) => template.formats))
		expect([...used].sort()).toEqual([...FORMATS].sort())
		expect(publicActive.some((template) => template.formats.length === 1 && template.formats[0] === 'portrait')).toBe(true)
		expect(publicActive.some((template) => template.formats.length === 1 && template.formats[0] === 'square')).toBe(true)
		expect(publicActive.filter((template) => template.formats.length > 1).length).toBeGreaterThan(publicActive.length / 2)
	})

	test('scene counts are mixed', () => {
		expect(new Set(DEMO_TEMPLATES.map((template) => template.scenes.length)).size).toBeGreaterThanOrEqual(3)
	})

	test('popularity and age vary', () => {
		expect(new Set(DEMO_TEMPLATES.map((template) => template.popularity)).size).toBeGreaterThan(DEMO_TEMPLATES.length / 2)
		expect(new Set(DEMO_TEMPLATES.map((template) => template.ageDays)).size).toBeGreaterThan(DEMO_TEMPLATES.length / 2)
	})

	test('includes "Logo Animation" and a title with an accented word', () => {
		expect(publicActive.filter((template) => template.title === 'Logo Animation')).toHaveLength(1)
		const accented = publicActive.filter((template) => template.title.normalize('NFD') !== template.title)
		expect(accented.length).toBeGreaterThanOrEqual(1)
		expect(publicActive.map((template) => template.title)).toContain('Café Menu Promo')
	})

	test('exactly one unlisted template, with a random-looking slug suffix', () => {
		const unlisted = DEMO_TEMPLATES.filter((template) => template.visibility === 'unlisted')
		expect(unlisted).toHaveLength(1)
		const suffix = unlisted[0]!.slug.split('-').at(-1)!
		expect(suffix).toMatch(/^[A-Za-z0-9]{10,}$/)
		expect(suffix).toMatch(/[0-9]/)
		expect(suffix).toMatch(/[A-Z]/)
		expect(suffix).toMatch(/[a-z]/)
	})

	test('exactly one disabled template', () => {
		expect(DEMO_TEMPLATES.filter((template) => template.status === 'disabled')).toHaveLength(1)
	})
})
