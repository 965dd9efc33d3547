import { describe, expect, test } from 'vitest'
import { DEMO_TEMPLATES } from '#app/db/demo-content.ts'
import { EDITOR_SCENE_GLOBALS } from './scene-globals.ts'
import { ESCAPE_CASES, LOOKALIKE_SCENE, OBFUSCATED_CASES, sceneAround } from '#tests/fixtures/hostile-scenes.ts'
import {
	MAX_SCENE_DURATION_FRAMES,
	MAX_SCENE_TSX_BYTES,
	MAX_SCENES_PER_TEMPLATE,
	compileSceneTsx,
	componentCandidates,
	findForbiddenUses,
	sceneGlobalReads,
	validateSceneTsx,
	validateTemplateScenes,
} from './tsx-validator.ts'

describe('every demo scene passes', () => {
	const scenes = DEMO_TEMPLATES.flatMap((template) => template.scenes.map((scene, index) => ({ label: `${template.slug}#${index}`, scene })))
	test.each(scenes)('$label', ({ scene }) => {
		const result = validateSceneTsx(scene.tsxCode)
		expect(result.ok ? [] : result.problems).toEqual([])
	})
	test('every demo template passes as a whole', () => {
		for (const template of DEMO_TEMPLATES) expect(validateTemplateScenes(template.scenes).problems).toEqual([])
	})
})

describe('each escape fails with its own rule and message', () => {
	test.each(ESCAPE_CASES)('$name → $rule', ({ code, rule }) => {
		const result = validateSceneTsx(code)
		expect(result.ok).toBe(false)
		if (result.ok) return
		expect(result.problems.map((problem) => problem.rule)).toContain(rule)
		const problem = result.problems.find((candidate) => candidate.rule === rule)!
		expect(problem.code).toBe('forbidden')
		expect(problem.line).toBeGreaterThan(0)
		expect(problem.message).toMatch(/line \d+, column \d+/)
	})

	test('the messages differ from one escape to the next', () => {
		const messages = new Set(
			['eval', 'Function', 'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'localStorage', 'postMessage'].map(
				(name) => findForbiddenUses(sceneAround(`${name}();`))[0]?.message.replace(/ \(line.*$/, ''),
			),
		)
		expect(messages.size).toBe(9)
	})
})

describe('obfuscated attempts: what the validator says', () => {
	test.each(OBFUSCATED_CASES)('$name → $validatorRule', ({ code, validatorRule }) => {
		const result = validateSceneTsx(code)
		if (validatorRule === null) expect(result.ok ? [] : result.problems).toEqual([])
		else expect(result.ok ? [] : result.problems.map((problem) => problem.rule)).toContain(validatorRule)
	})
})

test('words in strings, comments, JSX text, local names and style keys are not alarms', () => {
	const result = validateSceneTsx(LOOKALIKE_SCENE)
	expect(result.ok ? [] : result.problems).toEqual([])
})

test('a syntax error comes back with line, column and a human message', () => {
	const result = validateSceneTsx('const { AbsoluteFill } = window.Remotion;\nexport default function Scene() {\n  return <AbsoluteFill>;\n}\n')
	expect(result.ok).toBe(false)
	if (result.ok) return
	expect(result.problems).toHaveLength(1)
	expect(result.problems[0]).toMatchObject({ code: 'syntax', line: expect.any(Number), column: expect.any(Number) })
	expect(result.problems[0]!.line).toBeGreaterThanOrEqual(3)
	expect(result.problems[0]!.message).toMatch(/^Syntax error at line \d+, column \d+: /)
})

test('the export shapes the editor accepts: default function, default name, or none at all', () => {
	expect(validateSceneTsx('export default function Scene_ab12cd34() { return null; }\n').ok).toBe(true)
	expect(validateSceneTsx('const Scene_ab12cd34 = () => null;\nexport default Scene_ab12cd34;\n').ok).toBe(true)
	expect(validateSceneTsx('function Scene() { return null; }\nexport { Scene as default };\n').ok).toBe(true)
	expect(validateSceneTsx('export default () => null;\n').ok).toBe(true)
	// No default export: like the editor, the last capitalised top-level declaration is the scene.
	const undeclared = 'const { AbsoluteFill } = window.Remotion;\nexport const durationInFrames_ab12cd34 = 180;\nfunction Title() { return null; }\nconst Scene_ab12cd34 = () => <AbsoluteFill><Title /></AbsoluteFill>;\nconst COLORS = { ink: "#111" };\n'
	expect(validateSceneTsx(undeclared).ok).toBe(true)
	expect(componentCandidates(undeclared)).toEqual(['Title', 'Scene_ab12cd34', 'COLORS'])
	const compiled = compileSceneTsx(undeclared)
	expect(compiled.ok && compiled.code).toContain('exports.__sceneComponentCandidates = [Title, Scene_ab12cd34, COLORS];')
	expect(compiled.ok && compiled.code).toContain('exports.durationInFrames_ab12cd34 = durationInFrames_ab12cd34')
	// Nothing that could be a component: refused, saying how to fix it.
	const none = validateSceneTsx('const frames = 30;\nfunction helper() { return frames; }\n')
	expect(none.ok ? [] : none.problems.map((problem) => problem.code)).toEqual(['no_default_export'])
	expect(none.ok ? '' : none.problems[0]!.message).toMatch(/export it as default/)
})

test('durations run from 1 to 3,600 frames, as in the editor', () => {
	const scene = sceneAround('')
	expect(MAX_SCENE_DURATION_FRAMES).toBe(3600)
	expect(validateTemplateScenes([{ tsxCode: scene, duration: 3600 }]).ok).toBe(true)
	expect(validateTemplateScenes([{ tsxCode: scene, duration: 1 }]).ok).toBe(true)
	expect(validateTemplateScenes([{ tsxCode: scene, duration: 3601 }]).problems).toMatchObject([{ code: 'duration', message: expect.stringMatching(/1 to 3600 frames \(120 s/) }])
})

describe('globals', () => {
	test('every editor global, read as window.X, bare, or destructured, is no alarm', () => {
		const code = [
			...EDITOR_SCENE_GLOBALS.map((name, index) => `const g${index} = window.${name};`),
			...EDITOR_SCENE_GLOBALS.map((name, index) => `const b${index} = ${name};`),
			'const { loadFont } = window.RemotionGoogleFonts;',
			'loadFont("Inter", { weights: ["400", "700"] });',
			'const portrait = window.BazaarAvatars["asian-woman"];',
			'export default function Scene() {',
			'  const { useState, useEffect } = React;',
			'  const [n] = useState(Math.round(performance.now()) + Number.parseInt("1") + new Date().getDay());',
			'  useEffect(() => { const id = requestAnimationFrame(() => console.log(n)); return () => cancelAnimationFrame(id) }, [n]);',
			'  return <><IconifyIcon icon="mdi:rocket" /><window.HeroiconsSolid.StarIcon /><img src={portrait} alt={String(Intl.NumberFormat)} /></>;',
			'}',
		].join('\n')
		const result = validateSceneTsx(code)
		expect(result.ok ? [] : result.problems).toEqual([])
		expect(sceneGlobalReads(code).map((read) => read.name)).toEqual(expect.arrayContaining([...EDITOR_SCENE_GLOBALS, 'Math', 'performance']))
	})

	test('a global nobody offers is named, with its place, at publish time', () => {
		const code = 'export default function Scene() {\n  const Chart = window.ChartJS;\n  return <Lottie src="x" />;\n}\n'
		const result = validateTemplateScenes([{ tsxCode: code, duration: 90 }])
		expect(result.problems).toMatchObject([
			{ code: 'unknown_global', rule: 'ChartJS', line: 2, sceneIndex: 0, message: expect.stringMatching(/^Scene 1: The scene reads ChartJS, a global the preview does not offer/) },
			{ code: 'unknown_global', rule: 'Lottie', line: 3, sceneIndex: 0 },
		])
	})

	test('local names shadow globals, and escapes keep their own rule instead', () => {
		expect(validateSceneTsx('export default function Scene({ Widget }) { const Chart = () => null; return <Widget><Chart /></Widget>; }').ok).toBe(true)
		const escape = validateSceneTsx('export default function Scene() { fetch("/x"); return null; }')
		expect(escape.ok ? [] : escape.problems.map((problem) => problem.code)).toEqual(['forbidden'])
	})
})

test('TypeScript and imports of react and remotion compile', () => {
	const code = "import React from 'react';\nimport { AbsoluteFill } from 'remotion';\ntype P = { n: number };\nexport default function Scene(props: P) { return <AbsoluteFill>{props.n as number}</AbsoluteFill>; }\n"
	expect(validateSceneTsx(code).ok).toBe(true)
	const compiled = compileSceneTsx(code)
	expect(compiled.ok && compiled.code).toContain('.createElement(')
})

test('limits: size, empty, duration, preview frame, scene count', () => {
	const big = sceneAround(`const s = '${'x'.repeat(MAX_SCENE_TSX_BYTES)}';`)
	expect(validateSceneTsx(big)).toMatchObject({ ok: false, problems: [{ code: 'too_large' }] })
	expect(validateSceneTsx('   ')).toMatchObject({ ok: false, problems: [{ code: 'empty' }] })
	const good = sceneAround('')
	expect(validateTemplateScenes([{ tsxCode: good, duration: MAX_SCENE_DURATION_FRAMES + 1 }]).problems).toMatchObject([
		{ code: 'duration', sceneIndex: 0 },
	])
	expect(validateTemplateScenes([{ tsxCode: good, duration: 0 }]).problems).toMatchObject([{ code: 'duration' }])
	expect(validateTemplateScenes([{ tsxCode: good, duration: 30, previewFrame: 30 }]).problems).toMatchObject([{ code: 'preview_frame' }])
	expect(validateTemplateScenes([]).problems).toMatchObject([{ code: 'no_scenes' }])
	const many = Array.from({ length: MAX_SCENES_PER_TEMPLATE + 1 }, () => ({ tsxCode: good, duration: 30 }))
	expect(validateTemplateScenes(many).problems).toMatchObject([{ code: 'too_many_scenes' }])
	expect(validateTemplateScenes([{ tsxCode: good, duration: 30 }, { tsxCode: "fetch('x')", duration: 30 }]).problems).toMatchObject([
		{ code: 'no_default_export', sceneIndex: 1 },
		{ code: 'forbidden', rule: 'fetch', sceneIndex: 1, message: expect.stringMatching(/^Scene 2: /) },
	])
})
