import { describe, expect, test } from 'vitest'
import { DEMO_TEMPLATES } from '#app/db/demo-content.ts'
import { ESCAPE_CASES, LOOKALIKE_SCENE, OBFUSCATED_CASES, sceneAround } from '#tests/fixtures/hostile-scenes.ts'
import {
	MAX_SCENE_DURATION_FRAMES,
	MAX_SCENE_TSX_BYTES,
	MAX_SCENES_PER_TEMPLATE,
	compileSceneTsx,
	findForbiddenUses,
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

test('a default export is required, in either spelling', () => {
	const missing = validateSceneTsx('const { AbsoluteFill } = window.Remotion;\nexport function Scene() { return <AbsoluteFill />; }\n')
	expect(missing.ok ? [] : missing.problems.map((problem) => problem.code)).toEqual(['no_default_export'])
	expect(validateSceneTsx('function Scene() { return null; }\nexport { Scene as default };\n').ok).toBe(true)
	expect(validateSceneTsx('export default () => null;\n').ok).toBe(true)
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
