/**
 * The repository root: the nearest folder above this module with a
 * package.json. Modules run from app/ in the sources and from build/server once
 * built, so a file the repository ships (the preview runtime in public/, the
 * demo's renders in seeds/) is found from here either way.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

let root: string | undefined

export function repositoryRoot() {
	if (root) return root
	let folder = path.dirname(fileURLToPath(import.meta.url))
	while (path.dirname(folder) !== folder) {
		if (fs.existsSync(path.join(folder, 'package.json'))) return (root = folder)
		folder = path.dirname(folder)
	}
	throw new Error('No package.json above this module')
}
