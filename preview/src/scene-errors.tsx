/**
 * Real error messages from scenes. The preview document has an opaque origin,
 * so the browser mutes `window.onerror` for anything thrown by the scene's
 * script (served from our origin, hence "cross-origin" to the document): the
 * page sees only "Script error.". The Error object itself is intact where it is
 * caught inside the frame, so we catch it there: around the scene's render (an
 * error boundary that also knows the component), and around every callback
 * the scene hands to timers, animation frames and event listeners.
 *
 * "Where" comes from the stack: sucrase keeps the scene's line numbers, and
 * the scene script adds one wrapper line at the top, so line L of
 * `/preview/code/<hash>.js` is line L - 1 of the scene.
 */
import React from 'react'

export interface SceneFailure {
	title: string
	message: string
}

/** Lines the scene script puts before the compiled scene (`BazaarPreview.defineScene(function (…) {`). */
const SCENE_SCRIPT_PREAMBLE_LINES = 1
const SCENE_FRAME = /\/preview\/code\/[0-9a-f]{64}\.js:(\d+):(\d+)/

export function describeError(error: unknown) {
	if (error instanceof Error) return `${error.name}: ${error.message}`
	return String(error)
}

/** "line 12, column 7 of the scene", from the first stack frame inside the scene's code. */
export function scenePlace(error: unknown) {
	const stack = error instanceof Error ? error.stack : undefined
	const match = stack ? SCENE_FRAME.exec(stack) : null
	if (!match) return undefined
	return { line: Math.max(1, Number(match[1]) - SCENE_SCRIPT_PREAMBLE_LINES), column: Number(match[2]) }
}

/** The first component named in a React component stack (the one that threw). */
function componentOf(componentStack: string | null | undefined) {
	const match = componentStack ? /^\s*at ([A-Z][\w$]*)/m.exec(componentStack) : null
	return match?.[1]
}

export function failureFrom(title: string, error: unknown, componentStack?: string | null): SceneFailure {
	const place = scenePlace(error)
	const component = componentOf(componentStack)
	const where = [place ? `line ${place.line}, column ${place.column} of the scene` : undefined, component ? `in <${component}>` : undefined]
		.filter(Boolean)
		.join(', ')
	return { title, message: where ? `${describeError(error)}\n(${where})` : describeError(error) }
}

/** Catches a render error of the scene with its component stack, and hands it on instead of letting React unmount silently. */
export class SceneErrorBoundary extends React.Component<{ onError: (failure: SceneFailure) => void; children: React.ReactNode }, { failed: boolean }> {
	override state = { failed: false }
	static getDerivedStateFromError() {
		return { failed: true }
	}
	override componentDidCatch(error: unknown, info: React.ErrorInfo) {
		this.props.onError(failureFrom('This scene threw an error', error, info.componentStack))
	}
	override render() {
		return this.state.failed ? null : this.props.children
	}
}

type Callback = (...args: unknown[]) => unknown

/**
 * Wraps the callbacks a scene can hand to the browser so an exception in one
 * reaches `report` with its message, instead of the muted window error. The
 * wrapper is remembered per listener so `removeEventListener` still works.
 */
export function guardSceneCallbacks(report: (failure: SceneFailure) => void) {
	const guard = <F extends Callback>(callback: F): F =>
		function guarded(this: unknown, ...args: unknown[]) {
			try {
				return callback.apply(this, args)
			} catch (error) {
				// Reported here with its message; rethrown it would only reach the page as a muted "Script error.".
				report(failureFrom('This scene threw an error', error))
				return undefined
			}
		} as F

	for (const name of ['setTimeout', 'setInterval'] as const) {
		const original = window[name] as unknown as (handler: unknown, ...rest: unknown[]) => number
		;(window as unknown as Record<string, unknown>)[name] = (handler: unknown, ...rest: unknown[]) =>
			original(typeof handler === 'function' ? guard(handler as Callback) : handler, ...rest)
	}
	const raf = window.requestAnimationFrame.bind(window)
	window.requestAnimationFrame = (callback) => raf(guard(callback as Callback) as FrameRequestCallback)
	const microtask = window.queueMicrotask.bind(window)
	window.queueMicrotask = (callback) => microtask(guard(callback as Callback) as VoidFunction)

	const guardedListeners = new WeakMap<object, Callback>()
	const add = EventTarget.prototype.addEventListener
	const remove = EventTarget.prototype.removeEventListener
	EventTarget.prototype.addEventListener = function (type, listener, options) {
		if (typeof listener !== 'function') return add.call(this, type, listener, options)
		let guarded = guardedListeners.get(listener)
		if (!guarded) guardedListeners.set(listener, (guarded = guard(listener as Callback)))
		return add.call(this, type, guarded as EventListener, options)
	}
	EventTarget.prototype.removeEventListener = function (type, listener, options) {
		const guarded = typeof listener === 'function' ? guardedListeners.get(listener) : undefined
		return remove.call(this, type, (guarded ?? listener) as EventListener | null, options)
	}

	window.addEventListener('unhandledrejection', (event) => report(failureFrom('This scene threw an error', event.reason)))
}
