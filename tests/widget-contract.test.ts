// The widget imports nothing from app/ (it ships alone), so it copies a few
// lists. These checks keep the copies equal to the app's, and check the
// client-side helpers that read the API's answers.
import { describe, expect, test } from 'vitest'
import { EVENT_SOURCES, EVENT_TYPES, FORMATS as APP_FORMATS, type EventSource, type EventType, CATEGORIES as APP_CATEGORIES } from '#app/vocabulary.ts'
import { parseRetryAfter, readUseResult } from '../widget/src/api.ts'
import { CATEGORIES, type EventSource as WidgetEventSource, type EventType as WidgetEventType, FORMATS } from '../widget/src/types.ts'

describe('the widget speaks the app’s vocabulary', () => {
	test('categories: same slugs and labels, same order', () => {
		expect(CATEGORIES).toEqual(APP_CATEGORIES.map(({ slug, label }) => ({ slug, label })))
	})
	test('formats', () => {
		expect([...FORMATS]).toEqual([...APP_FORMATS])
	})
	test('event types and sources (the assignments fail to compile when the unions drift apart)', () => {
		const appTypesFromWidget: EventType[] = [] as WidgetEventType[]
		const widgetTypes: WidgetEventType[] = [...EVENT_TYPES]
		const appSourcesFromWidget: EventSource[] = [] as WidgetEventSource[]
		const widgetSources: WidgetEventSource[] = [...EVENT_SOURCES]
		expect(appTypesFromWidget.concat(widgetTypes)).toEqual([...EVENT_TYPES])
		expect(appSourcesFromWidget.concat(widgetSources)).toEqual([...EVENT_SOURCES])
	})
})

describe('readUseResult', () => {
	test('reads the created project and scene ids from the shapes the API may answer with', () => {
		expect(readUseResult({ projectId: 'p', sceneIds: ['a', 'b'] })).toEqual({ projectId: 'p', sceneIds: ['a', 'b'] })
		expect(readUseResult({ project: { id: 'p' }, scenes: [{ id: 'a' }, { id: 'b' }] })).toEqual({ projectId: 'p', sceneIds: ['a', 'b'] })
		expect(readUseResult({ projectId: 'p', createdSceneIds: ['a'] })).toEqual({ projectId: 'p', sceneIds: ['a'] })
		expect(readUseResult(null)).toEqual({ projectId: null, sceneIds: [] })
	})
})

describe('parseRetryAfter', () => {
	test('seconds or an HTTP date, rounded up; nothing for garbage', () => {
		expect(parseRetryAfter('12')).toBe(12)
		expect(parseRetryAfter('0.2')).toBe(1)
		expect(parseRetryAfter(new Date(Date.now() + 30_000).toUTCString())).toBeGreaterThanOrEqual(29)
		expect(parseRetryAfter('soon')).toBeUndefined()
		expect(parseRetryAfter(null)).toBeUndefined()
	})
})
