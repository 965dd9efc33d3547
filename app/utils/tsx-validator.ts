/**
 * The scene validator: the first filter in front of the preview sandbox (the
 * sandbox is the boundary; see docs/previews.md). Publishing runs every scene
 * through `validateTemplateScenes`; previews only need `compileSceneTsx`.
 *
 * It compiles with sucrase (a syntax error comes back with line, column and a
 * message), requires a default export, enforces the size limits below, and
 * walks sucrase's token stream to reject the obvious escapes. It looks at
 * identifiers and member accesses, never at raw text, so `"fetch"` inside a
 * string or a comment is not an alarm, and neither is a local variable named
 * `top` or a style key `top:`.
 */
import { transform } from 'sucrase'
import { parse } from 'sucrase/dist/parser/index.js'
import { SCENE_FPS } from '#app/vocabulary.ts'
import { IdentifierRole, type Token } from 'sucrase/dist/parser/tokenizer/index.js'
import { TokenType } from 'sucrase/dist/parser/tokenizer/types.js'
import globals from 'globals'
import { COMPONENT_CANDIDATES_EXPORT, EDITOR_SCENE_GLOBALS, isEditorSceneGlobal } from './scene-globals.ts'

/** Largest scene source accepted, in UTF-8 bytes. The biggest demo scene is about 9 KB. */
export const MAX_SCENE_TSX_BYTES = 100_000
/** Most scenes one template may hold. */
export const MAX_SCENES_PER_TEMPLATE = 20
/** Longest scene: 120 seconds, the editor's own limit. */
export const MAX_SCENE_DURATION_FRAMES = 120 * SCENE_FPS
export const MIN_SCENE_DURATION_FRAMES = 1

/** Modules a scene may `import` (the preview runtime provides them); everything else comes from `window.Remotion`. */
export const SCENE_IMPORTABLE_MODULES = ['react', 'remotion'] as const

export type SceneProblemCode =
	| 'syntax'
	| 'no_default_export'
	| 'too_large'
	| 'empty'
	| 'duration'
	| 'preview_frame'
	| 'too_many_scenes'
	| 'no_scenes'
	| 'forbidden'
	| 'unknown_global'

export interface SceneProblem {
	code: SceneProblemCode
	/** For `forbidden`: which escape (`eval`, `fetch`, `document.cookie`, …); for `unknown_global`: the global's name. */
	rule?: string
	message: string
	/** 1-based, when the problem has a place in the code. */
	line?: number
	column?: number
	/** Which scene, for template-level validation (0-based). */
	sceneIndex?: number
}

export type CompileResult = { ok: true; code: string } | { ok: false; problem: SceneProblem }

const TRANSFORM_OPTIONS = {
	transforms: ['typescript', 'jsx', 'imports'] as Array<'typescript' | 'jsx' | 'imports'>,
	jsxRuntime: 'classic' as const,
	production: true,
}

/**
 * TSX → CommonJS that uses `React.createElement` and assigns `exports.default`.
 * Evaluate it with `React`, `exports` and `require` in scope.
 */
export function compileSceneTsx(tsxCode: string): CompileResult {
	let code: string
	try {
		code = transform(tsxCode, TRANSFORM_OPTIONS).code
	} catch (error) {
		return { ok: false, problem: syntaxProblem(tsxCode, error) }
	}
	if (hasDefaultExport(tsxCode)) return { ok: true, code }
	const candidates = componentCandidates(tsxCode)
	if (candidates.length === 0) return { ok: true, code }
	return { ok: true, code: `${code}\nexports.${COMPONENT_CANDIDATES_EXPORT} = [${candidates.join(', ')}];\n` }
}

function syntaxProblem(tsxCode: string, error: unknown): SceneProblem {
	const raw = error instanceof Error ? error.message : String(error)
	const loc = (error as { loc?: { line: number; column: number } }).loc
	const pos = (error as { pos?: number }).pos
	const place = loc ?? (typeof pos === 'number' ? lineAndColumn(tsxCode, pos) : undefined)
	const detail = raw.replace(/\s*\(\d+:\d+\)\s*$/, '')
	return {
		code: 'syntax',
		message: place ? `Syntax error at line ${place.line}, column ${place.column}: ${detail}` : `Syntax error: ${detail}`,
		...(place ? { line: place.line, column: place.column } : {}),
	}
}

function lineAndColumn(code: string, offset: number) {
	let line = 1
	let lineStart = 0
	for (let i = 0; i < offset && i < code.length; i++) {
		if (code.charCodeAt(i) === 10) {
			line++
			lineStart = i + 1
		}
	}
	return { line, column: offset - lineStart + 1 }
}

// ---------------------------------------------------------------------------
// The escapes. Each has its own message; `rule` names it for tests and UIs.
// ---------------------------------------------------------------------------

const NETWORK = 'Scenes cannot use the network'
/** Names that are an escape wherever they are read, as a global or as a property. */
const FORBIDDEN_NAMES = new Map<string, string>(Object.entries({
	eval: 'eval() runs code built at run time; scenes cannot use it',
	Function: 'The Function constructor runs code built at run time; scenes cannot use it',
	fetch: `${NETWORK}: fetch() is not allowed`,
	XMLHttpRequest: `${NETWORK}: XMLHttpRequest is not allowed`,
	WebSocket: `${NETWORK}: WebSocket is not allowed`,
	EventSource: `${NETWORK}: EventSource is not allowed`,
	importScripts: 'importScripts() loads code at run time; scenes cannot use it',
	sendBeacon: `${NETWORK}: navigator.sendBeacon() is not allowed`,
	localStorage: 'Scenes cannot use browser storage (localStorage)',
	sessionStorage: 'Scenes cannot use browser storage (sessionStorage)',
	indexedDB: 'Scenes cannot use browser storage (indexedDB)',
	postMessage: 'Scenes cannot message other windows (postMessage)',
}))
/** Names that are an escape only as the global window's property (or as a bare global): `top` is also a fine local name or style key. */
const FORBIDDEN_WINDOW_PROPERTIES = new Map<string, string>(Object.entries({
	parent: 'Scenes cannot reach the page around them (window.parent)',
	top: 'Scenes cannot reach the page around them (window.top)',
	opener: 'Scenes cannot reach the window that opened them (window.opener)',
}))
const GLOBAL_OBJECTS = new Set(['window', 'self', 'globalThis', 'frames', 'parent', 'top'])
const COOKIE_MESSAGE = 'Scenes cannot read or write cookies (document.cookie)'
const DYNAMIC_IMPORT_MESSAGE = 'Dynamic import() loads code at run time; scenes cannot use it'
const DYNAMIC_GLOBAL_MESSAGE =
	'Computed access on the global object (window[…], globalThis[…]) hides which global is used; name the Remotion or React API directly'
const CONSTRUCTOR_MESSAGE = 'Reaching a constructor through .constructor can build functions from strings; scenes cannot do that'
const REQUIRE_MESSAGE = 'require() is not available in scenes; take what you need from window.Remotion'

const DECLARATION_ROLES = new Set<IdentifierRole>([
	IdentifierRole.TopLevelDeclaration,
	IdentifierRole.FunctionScopedDeclaration,
	IdentifierRole.BlockScopedDeclaration,
	IdentifierRole.ObjectShorthandTopLevelDeclaration,
	IdentifierRole.ObjectShorthandFunctionScopedDeclaration,
	IdentifierRole.ObjectShorthandBlockScopedDeclaration,
	IdentifierRole.ImportDeclaration,
])
/** Roles that read a variable (`x`, `{ x }` as a value, `export { x }`). */
const READ_ROLES = new Set<IdentifierRole>([IdentifierRole.Access, IdentifierRole.ObjectShorthand, IdentifierRole.ExportAccess])

/** A string literal's value when it has no escapes (an escaped one counts as dynamic). */
function plainStringValue(code: string, token: Token | undefined) {
	if (!token || token.type !== TokenType.string) return undefined
	const inner = code.slice(token.start + 1, token.end - 1)
	return inner.includes('\\') ? undefined : inner
}

/** The escapes found in a scene, in source order. Assumes the code parses. */
export function findForbiddenUses(tsxCode: string): SceneProblem[] {
	const { tokens } = parse(tsxCode, true, true, false)
	const text = (token: Token) => tsxCode.slice(token.start, token.end)
	const problems: SceneProblem[] = []
	const report = (token: Token, rule: string, message: string) => {
		const { line, column } = lineAndColumn(tsxCode, token.start)
		problems.push({ code: 'forbidden', rule, message: `${message} (line ${line}, column ${column})`, line, column })
	}

	const declared = declaredNames(tsxCode, tokens)

	/** `window`, `globalThis`… unless the scene declared a local of that name. */
	const isGlobalObject = (name: string) => GLOBAL_OBJECTS.has(name) && !declared.has(name)
	const isMemberName = (index: number) => {
		const before = tokens[index - 1]
		return before?.type === TokenType.dot || before?.type === TokenType.questionDot
	}
	/** For a member name at `index`, the identifier right before the dot (`document` in `window.document.cookie`). */
	const objectNameOf = (index: number) => {
		const object = tokens[index - 2]
		return object?.type === TokenType.name ? text(object) : undefined
	}
	const checkProperty = (token: Token, property: string, objectName: string | undefined) => {
		const forbidden = FORBIDDEN_NAMES.get(property)
		if (forbidden) return report(token, property, forbidden)
		if (property === 'cookie' && objectName === 'document') return report(token, 'document.cookie', COOKIE_MESSAGE)
		const windowProperty = FORBIDDEN_WINDOW_PROPERTIES.get(property)
		if (windowProperty && objectName !== undefined && isGlobalObject(objectName)) return report(token, `window.${property}`, windowProperty)
	}

	for (let index = 0; index < tokens.length; index++) {
		const token = tokens[index]!
		if (token.isType) continue
		const next = tokens[index + 1]

		if (token.type === TokenType._import && next?.type === TokenType.parenL) {
			report(token, 'import()', DYNAMIC_IMPORT_MESSAGE)
			continue
		}
		if (token.type === TokenType._import) {
			// A static import: only the modules the runtime provides.
			let cursor = index + 1
			while (cursor < tokens.length && tokens[cursor]!.type !== TokenType.string && tokens[cursor]!.type !== TokenType.semi) cursor++
			const source = plainStringValue(tsxCode, tokens[cursor])
			if (source !== undefined && !(SCENE_IMPORTABLE_MODULES as readonly string[]).includes(source)) {
				report(token, 'import', `Scenes can import only ${SCENE_IMPORTABLE_MODULES.map((name) => `"${name}"`).join(' and ')}, not "${source}"; use window.Remotion`)
			}
			continue
		}

		if (token.type === TokenType.bracketL && tokens[index - 1]?.type === TokenType.name) {
			// Computed member access: `window['fetch']`, `document['cookie']`, `window['ev' + 'al']`.
			const objectName = text(tokens[index - 1]!)
			const key = plainStringValue(tsxCode, next)
			const keyIsWhole = tokens[index + 2]?.type === TokenType.bracketR
			if (key !== undefined && keyIsWhole) checkProperty(token, key, objectName)
			else if (isGlobalObject(objectName)) report(token, `${objectName}[…]`, DYNAMIC_GLOBAL_MESSAGE)
			continue
		}

		if (token.type !== TokenType.name) continue
		const name = text(token)

		if (isMemberName(index)) {
			if (name === 'constructor') {
				const after = tokens[index + 1]
				const chained = (after?.type === TokenType.dot || after?.type === TokenType.questionDot) && tokens[index + 2] && text(tokens[index + 2]!) === 'constructor'
				const called = after?.type === TokenType.parenL
				if (chained || called) report(token, 'constructor', CONSTRUCTOR_MESSAGE)
				continue
			}
			checkProperty(token, name, objectNameOf(index))
			continue
		}

		if (token.identifierRole === null || !READ_ROLES.has(token.identifierRole) || declared.has(name)) continue
		const forbidden = FORBIDDEN_NAMES.get(name)
		const windowProperty = FORBIDDEN_WINDOW_PROPERTIES.get(name)
		if (forbidden) report(token, name, forbidden)
		else if (windowProperty) report(token, `window.${name}`, windowProperty)
		else if (name === 'require') report(token, 'require', REQUIRE_MESSAGE)
	}
	return problems
}

// ---------------------------------------------------------------------------
// Globals a scene reads: what lazy loading and the "unknown global" check see.
// ---------------------------------------------------------------------------

export interface GlobalRead {
	name: string
	line: number
	column: number
}

/**
 * The global names a scene reads, in source order (each name once, at its
 * first read): bare identifiers it never declares (`React`, `Math`,
 * `<IconifyIcon>`), and properties of the global object (`window.LucideIcons`,
 * `globalThis['BazaarAvatars']`).
 */
export function sceneGlobalReads(tsxCode: string): GlobalRead[] {
	const { tokens } = parse(tsxCode, true, true, false)
	const text = (token: Token) => tsxCode.slice(token.start, token.end)
	const declared = declaredNames(tsxCode, tokens)
	const reads = new Map<string, GlobalRead>()
	const record = (token: Token, name: string) => {
		if (!reads.has(name)) reads.set(name, { name, ...lineAndColumn(tsxCode, token.start) })
	}
	const isGlobalObject = (token: Token | undefined) =>
		(token?.type === TokenType.name || token?.type === TokenType.jsxName) && GLOBAL_OBJECTS.has(text(token)) && !declared.has(text(token))
	for (let index = 0; index < tokens.length; index++) {
		const token = tokens[index]!
		if (token.isType) continue
		const before = tokens[index - 1]
		const afterDot = before?.type === TokenType.dot || before?.type === TokenType.questionDot
		if ((token.type === TokenType.name || token.type === TokenType.jsxName) && afterDot) {
			// `window.X`, `globalThis?.X`, and `<window.X />` in JSX.
			if (isGlobalObject(tokens[index - 2]) && tokens[index - 3]?.type !== TokenType.dot) record(token, text(token))
			continue
		}
		if (token.type === TokenType.bracketL && isGlobalObject(before)) {
			const key = plainStringValue(tsxCode, tokens[index + 1])
			if (key !== undefined && tokens[index + 2]?.type === TokenType.bracketR) record(tokens[index + 1]!, key)
			continue
		}
		if (isGlobalObject(token) && before?.type === TokenType.eq && tokens[index - 2]?.type === TokenType.braceR && !isMemberAccess(tokens[index + 1])) {
			// `const { IconifyIcon, Rough: rough } = window`: each key is a read of that global.
			for (const key of destructuredKeys(tokens, index - 2, text)) record(key, text(key))
			continue
		}
		const isRead = token.identifierRole !== null && READ_ROLES.has(token.identifierRole)
		if ((token.type === TokenType.name || token.type === TokenType.jsxName) && isRead && !declared.has(text(token))) record(token, text(token))
	}
	return [...reads.values()]
}

const isMemberAccess = (token: Token | undefined) =>
	token?.type === TokenType.dot || token?.type === TokenType.questionDot || token?.type === TokenType.bracketL

/** The key tokens of the object pattern that ends at `closeIndex` (`{ A, B: b, C = 1, ...rest }`), at its own depth only. */
function destructuredKeys(tokens: Token[], closeIndex: number, text: (token: Token) => string) {
	const keys: Token[] = []
	let depth = 0
	for (let index = closeIndex; index >= 0; index--) {
		const type = tokens[index]!.type
		if (type === TokenType.braceR || type === TokenType.bracketR || type === TokenType.parenR) depth++
		else if (type === TokenType.braceL || type === TokenType.bracketL || type === TokenType.parenL) {
			if (--depth === 0) break
		} else if (depth === 1 && type === TokenType.name) {
			const previous = tokens[index - 1]?.type
			const next = tokens[index + 1]?.type
			const startsEntry = previous === TokenType.braceL || previous === TokenType.comma
			const endsKey = next === TokenType.comma || next === TokenType.colon || next === TokenType.eq || next === TokenType.braceR
			if (startsEntry && endsKey && text(tokens[index]!) !== '') keys.push(tokens[index]!)
		}
	}
	return keys.reverse()
}

/** Globals every browser has, and names that are always in scope. */
const BROWSER_GLOBALS: ReadonlySet<string> = new Set([...Object.keys(globals.builtin), ...Object.keys(globals.browser), 'arguments'])

/**
 * A scene that reads a global neither the browser nor the editor's runtime
 * offers would throw in every preview: publishing says so, naming the global.
 * Escapes (`fetch`, `require`…) have their own rules and are not repeated here.
 */
export function findUnofferedGlobals(tsxCode: string): SceneProblem[] {
	return sceneGlobalReads(tsxCode)
		.filter(({ name }) => !BROWSER_GLOBALS.has(name) && !isEditorSceneGlobal(name) && !FORBIDDEN_NAMES.has(name) && name !== 'require')
		.map(({ name, line, column }) => ({
			code: 'unknown_global' as const,
			rule: name,
			line,
			column,
			message: `The scene reads ${name}, a global the preview does not offer: it would fail in every preview (line ${line}, column ${column}). Scenes get the browser's globals and the editor's (${EDITOR_SCENE_GLOBALS.filter((global) => !global.startsWith('_')).join(', ')})`,
		}))
}

function declaredNames(tsxCode: string, tokens: Token[]) {
	const declared = new Set<string>()
	for (const token of tokens) {
		if (token.type === TokenType.name && token.identifierRole !== null && DECLARATION_ROLES.has(token.identifierRole)) {
			declared.add(tsxCode.slice(token.start, token.end))
		}
	}
	return declared
}

/**
 * A scene with no default export: the editor plays the last capitalised
 * `const`/`let`/`var`/`function`/`class` declaration (main components follow
 * their helpers). These are the top-level ones, in source order; the runtime
 * takes the last that turns out to be a component, so a trailing
 * `const COLORS = {…}` does not hide the scene.
 */
export function componentCandidates(tsxCode: string): string[] {
	const { tokens } = parse(tsxCode, true, true, false)
	const declarers = new Set([TokenType._const, TokenType._let, TokenType._var, TokenType._function, TokenType._class])
	const names: string[] = []
	for (let index = 1; index < tokens.length; index++) {
		const token = tokens[index]!
		if (token.isType || token.type !== TokenType.name || token.identifierRole !== IdentifierRole.TopLevelDeclaration) continue
		if (!declarers.has(tokens[index - 1]!.type)) continue
		const name = tsxCode.slice(token.start, token.end)
		if (/^[A-Z]/.test(name) && !names.includes(name)) names.push(name)
	}
	return names
}

/** Whether the scene has `export default …` or `export { X as default }`. */
function hasDefaultExport(tsxCode: string) {
	const { tokens } = parse(tsxCode, true, true, false)
	for (let index = 0; index < tokens.length; index++) {
		if (tokens[index]!.type !== TokenType._export) continue
		const next = tokens[index + 1]
		if (next?.type === TokenType._default) return true
		if (next?.type === TokenType.braceL) {
			for (let cursor = index + 2; cursor < tokens.length && tokens[cursor]!.type !== TokenType.braceR; cursor++) {
				const token = tokens[cursor]!
				if (token.type === TokenType._default || (token.type === TokenType.name && tsxCode.slice(token.start, token.end) === 'default')) return true
			}
		}
	}
	return false
}

export function sceneSizeInBytes(tsxCode: string) {
	return new TextEncoder().encode(tsxCode).length
}

export type SceneValidation = { ok: true; compiledCode: string } | { ok: false; problems: SceneProblem[] }

/** Everything one scene's code must satisfy to be published. */
export function validateSceneTsx(tsxCode: string): SceneValidation {
	if (tsxCode.trim() === '') return { ok: false, problems: [{ code: 'empty', message: 'The scene has no code' }] }
	const bytes = sceneSizeInBytes(tsxCode)
	if (bytes > MAX_SCENE_TSX_BYTES) {
		return {
			ok: false,
			problems: [
				{ code: 'too_large', message: `The scene is ${Math.ceil(bytes / 1000)} KB; the limit is ${MAX_SCENE_TSX_BYTES / 1000} KB` },
			],
		}
	}
	const compiled = compileSceneTsx(tsxCode)
	if (!compiled.ok) return { ok: false, problems: [compiled.problem] }
	const problems: SceneProblem[] = []
	if (!hasDefaultExport(tsxCode) && componentCandidates(tsxCode).length === 0) {
		problems.push({
			code: 'no_default_export',
			message: 'The scene has no component: export it as default (export default function Scene() {…}) or declare it as a capitalised top-level function',
		})
	}
	problems.push(...findForbiddenUses(tsxCode), ...findUnofferedGlobals(tsxCode))
	return problems.length === 0 ? { ok: true, compiledCode: compiled.code } : { ok: false, problems }
}

export interface SceneInput {
	tsxCode: string
	duration: number
	previewFrame?: number | null
}

/** A whole template: the scene count, then each scene's code, duration and preview frame. Problems carry `sceneIndex`. */
export function validateTemplateScenes(scenes: SceneInput[]): { ok: boolean; problems: SceneProblem[] } {
	if (scenes.length === 0) return { ok: false, problems: [{ code: 'no_scenes', message: 'A template needs at least one scene' }] }
	if (scenes.length > MAX_SCENES_PER_TEMPLATE) {
		return {
			ok: false,
			problems: [
				{ code: 'too_many_scenes', message: `A template can hold at most ${MAX_SCENES_PER_TEMPLATE} scenes; this one has ${scenes.length}` },
			],
		}
	}
	const problems: SceneProblem[] = []
	scenes.forEach((scene, sceneIndex) => {
		const label = `Scene ${sceneIndex + 1}`
		if (!Number.isInteger(scene.duration) || scene.duration < MIN_SCENE_DURATION_FRAMES || scene.duration > MAX_SCENE_DURATION_FRAMES) {
			problems.push({
				code: 'duration',
				sceneIndex,
				message: `${label} lasts ${scene.duration} frames; a scene lasts 1 to ${MAX_SCENE_DURATION_FRAMES} frames (${MAX_SCENE_DURATION_FRAMES / SCENE_FPS} s at ${SCENE_FPS} fps)`,
			})
		}
		const frame = scene.previewFrame
		if (frame !== undefined && frame !== null && (!Number.isInteger(frame) || frame < 0 || frame >= scene.duration)) {
			problems.push({ code: 'preview_frame', sceneIndex, message: `${label}'s preview frame ${frame} is outside the scene (0 to ${scene.duration - 1})` })
		}
		const result = validateSceneTsx(scene.tsxCode)
		if (!result.ok) problems.push(...result.problems.map((problem) => ({ ...problem, sceneIndex, message: `${label}: ${problem.message}` })))
	})
	return { ok: problems.length === 0, problems }
}


/** The text of every string literal and template chunk in a scene (JSX attribute strings included). Assumes the code parses. */
export function sceneStringLiterals(tsxCode: string): string[] {
	const { tokens } = parse(tsxCode, true, true, false)
	const strings: string[] = []
	for (const token of tokens) {
		if (token.type === TokenType.string) strings.push(tsxCode.slice(token.start + 1, token.end - 1))
		else if (token.type === TokenType.template) strings.push(tsxCode.slice(token.start, token.end))
	}
	return strings
}
