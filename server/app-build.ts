/**
 * The Remix app the server runs: in production the build in build/server, in
 * development the current sources through Vite (reloaded as they change).
 * Either way each route's loader and action answers a database outage with a
 * 503 (app/utils/database-outage.server.ts), wrapped once per loaded build.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import type { ViteDevServer } from 'vite'
import type { receiveEventBatch } from '#app/models/event-intake.server.ts'
import { withDatabaseOutageAnswers } from '#app/utils/database-outage.server.ts'

/**
 * What the server takes from app/entry.server.tsx besides rendering. Taken from
 * the loaded build, so the database the server prepares and closes is the very
 * one the routes use (one handle, one PGlite lock).
 */
export interface AppEntryModule {
	prepareDatabase: (options: { log: (line: string) => void }) => Promise<void>
	closeDatabase: () => Promise<void>
	/** Works render jobs in this process; resolves to how to stop, or null when this machine cannot render (no Chromium). */
	startRenderWorker: (options: { log: (line: string) => void }) => Promise<(() => Promise<void>) | null>
	/** POST /api/v1/events as the server answers it itself (server/events-intake.ts). */
	receiveEventBatch: typeof receiveEventBatch
}

export function entryModuleOf(build: ServerBuild) {
	return build.entry.module as unknown as AppEntryModule
}

export async function loadProductionBuild(root: string): Promise<ServerBuild> {
	const loaded = (await import(pathToFileURL(path.join(root, 'build/server/index.js')).href)) as ServerBuild
	return withDatabaseOutageAnswers(loaded)
}

export const SERVER_BUILD_MODULE = 'virtual:remix/server-build'

export function developmentBuild(vite: ViteDevServer): () => Promise<ServerBuild> {
	const wrapped = new WeakMap<object, ServerBuild>()
	return async () => {
		const loaded = (await vite.ssrLoadModule(SERVER_BUILD_MODULE)) as ServerBuild
		let build = wrapped.get(loaded)
		if (!build) {
			build = withDatabaseOutageAnswers(loaded)
			wrapped.set(loaded, build)
		}
		return build
	}
}
