// An HTTP load client in its own process: autocannon with the given options
// (plain data: url, method, headers, body, connections, duration), answering
// its summary and the CPU time it used. Benches run their client this way so
// that it never shares an event loop with their own bookkeeping (database
// counts, the bare INSERT workers), and print its CPU so a reader can see it
// was not the bottleneck.
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

const self = fileURLToPath(import.meta.url)

/**
 * @param {import('autocannon').Options} options
 * @returns {Promise<{ requests: number, ok: number, failed: number, seconds: number, rps: number, p50: number, p99: number, cpuSeconds: number }>}
 */
export function loadInChildProcess(options) {
	const child = fork(self, [JSON.stringify(options)], { stdio: 'inherit' })
	return new Promise((resolve, reject) => {
		child.once('message', resolve)
		child.once('exit', (code) => reject(new Error(`the load client exited with ${code} before answering`)))
	})
}

if (process.argv[1] === self) {
	const options = JSON.parse(process.argv[2])
	const before = process.cpuUsage()
	const result = await autocannon(options)
	const used = process.cpuUsage(before)
	const seconds = result.duration || options.duration
	process.send(
		{
			requests: result.requests.total,
			ok: result['2xx'],
			failed: result.non2xx + result.errors + result.timeouts,
			seconds,
			rps: result['2xx'] / seconds,
			p50: result.latency.p50,
			p99: result.latency.p99,
			cpuSeconds: (used.user + used.system) / 1e6,
		},
		() => process.exit(0),
	)
}
