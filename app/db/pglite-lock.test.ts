import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { openPglite, queryRows } from './client.server.ts'
import { DataDirectoryLockedError, acquireDataDirectoryLock, lockFilePath } from './pglite-lock.server.ts'

const children: ChildProcess[] = []
afterEach(() => {
	for (const child of children.splice(0)) child.kill('SIGKILL')
})

function tempDataDir() {
	return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bazaar-lock-')), 'pglite')
}

function holdInChildProcess(dataDir: string) {
	const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/hold-embedded-database.ts', dataDir], {
		stdio: ['ignore', 'pipe', 'inherit'],
	})
	children.push(child)
	return new Promise<ChildProcess>((resolve, reject) => {
		child.stdout!.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('ready')) resolve(child)
		})
		child.once('exit', (code) => reject(new Error(`holder exited early with ${code}`)))
	})
}

describe('one process per embedded database directory', () => {
	test('a directory held by a live process is refused, naming that process', async () => {
		const dataDir = tempDataDir()
		const holder = await holdInChildProcess(dataDir)
		let refused: unknown
		try {
			openPglite(dataDir)
		} catch (error) {
			refused = error
		}
		expect(refused).toBeInstanceOf(DataDirectoryLockedError)
		expect((refused as Error).message).toContain(`pid ${holder.pid}`)
		expect((refused as Error).message).toContain('hold-embedded-database.ts')
		expect((refused as Error).message).toContain(dataDir)
	}, 60_000)

	test('after the holder exits on SIGTERM, the directory opens and its data is intact', async () => {
		const dataDir = tempDataDir()
		const holder = await holdInChildProcess(dataDir)
		const exited = new Promise<number | null>((resolve) => holder.once('exit', resolve))
		holder.kill('SIGTERM')
		expect(await exited).toBe(0)
		expect(fs.existsSync(lockFilePath(dataDir))).toBe(false)
		const connection = openPglite(dataDir)
		try {
			expect(await queryRows(sql`select 2 as two`, connection.db)).toEqual([{ two: 2 }])
		} finally {
			await connection.close()
		}
	}, 60_000)

	test('a stale lock left by a dead process is taken over', () => {
		const dataDir = tempDataDir()
		fs.mkdirSync(path.dirname(dataDir), { recursive: true })
		// pid 2^22+1 is above Linux's pid_max default: no such process.
		fs.writeFileSync(lockFilePath(dataDir), '4194305\n')
		const release = acquireDataDirectoryLock(dataDir)
		expect(fs.readFileSync(lockFilePath(dataDir), 'utf8').trim()).toBe(String(process.pid))
		release()
		expect(fs.existsSync(lockFilePath(dataDir))).toBe(false)
	})
})
