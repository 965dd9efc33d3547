/**
 * Two processes on one PGlite data directory corrupt it silently (PGlite has
 * no lock of its own). We keep a lock file beside the directory holding the
 * owner's pid and refuse to open a directory that a live process holds.
 */
import fs from 'node:fs'
import path from 'node:path'

export class DataDirectoryLockedError extends Error {
	constructor(
		readonly dataDir: string,
		readonly ownerPid: number,
		readonly ownerCommand: string,
	) {
		super(
			`The embedded database at ${dataDir} is in use by another process (pid ${ownerPid}: ${ownerCommand}). ` +
				`Stop that process first, or point PGLITE_DATA_DIR at another directory.`,
		)
		this.name = 'DataDirectoryLockedError'
	}
}

export function lockFilePath(dataDir: string) {
	return `${path.resolve(dataDir)}.lock`
}

function isAlive(pid: number) {
	try {
		process.kill(pid, 0)
		return true
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM'
	}
}

function describeProcess(pid: number) {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ') || 'unknown command'
	} catch {
		return 'unknown command'
	}
}

/** Takes the lock for `dataDir` or throws DataDirectoryLockedError. Returns the release function. */
export function acquireDataDirectoryLock(dataDir: string): () => void {
	const file = lockFilePath(dataDir)
	fs.mkdirSync(path.dirname(file), { recursive: true })
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' })
			let released = false
			return () => {
				if (released) return
				released = true
				try {
					if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file)
				} catch {
					// already gone
				}
			}
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
			const ownerPid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10)
			if (Number.isInteger(ownerPid) && ownerPid !== process.pid && isAlive(ownerPid)) {
				throw new DataDirectoryLockedError(path.resolve(dataDir), ownerPid, describeProcess(ownerPid))
			}
			// A stale lock from a process that died (or from our own earlier, crashed start).
			fs.rmSync(file, { force: true })
		}
	}
	throw new Error(`Could not take the lock ${file}`)
}
