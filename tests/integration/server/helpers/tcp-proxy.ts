import net from 'node:net'

export type TcpProxy = {
	port: number
	url: string
	/** The backend port each accepted connection was forwarded to, in order (null: none was live). */
	routes: Array<number | null>
	/**
	 * Stops forwarding what a backend sends on its open connections (a stalled network path):
	 * requests still reach it, its replies are dropped.
	 */
	holdReplies: (backendPort: number) => void
	close: () => Promise<void>
}

/** Connects to the first backend that accepts a TCP connection, trying them in order. */
function connectFirstLive(ports: number[]): Promise<{ upstream: net.Socket; port: number } | null> {
	return new Promise((resolve) => {
		const attempt = (i: number) => {
			const port = ports[i]
			if (port === undefined) return resolve(null)
			const upstream = net.connect({ port, host: '127.0.0.1' })
			const onError = () => {
				upstream.destroy()
				attempt(i + 1)
			}
			upstream.once('error', onError)
			upstream.once('connect', () => {
				upstream.off('error', onError)
				resolve({ upstream, port })
			})
		}
		attempt(0)
	})
}

/**
 * A loopback stand-in for a load balancer: every new TCP connection goes to the first backend
 * that accepts one (a dead process refuses at once), and both ends are torn down together, so a
 * client of a killed backend sees its connection drop and reconnects through the proxy again.
 * Connections are not sticky; with the WebSocket transport each Socket.io session is one connection.
 */
export async function startTcpProxy(backendPorts: number[]): Promise<TcpProxy> {
	const open = new Set<net.Socket>()
	const routes: Array<number | null> = []
	const pairs = new Set<{ port: number; client: net.Socket; upstream: net.Socket }>()
	const server = net.createServer((client) => {
		open.add(client)
		client.on('error', () => client.destroy())
		client.once('close', () => open.delete(client))
		// Nothing is read from the client until the upstream is connected: its bytes wait in the socket.
		void connectFirstLive(backendPorts).then((found) => {
			routes.push(found?.port ?? null)
			if (!found) return client.destroy()
			const { upstream, port } = found
			if (client.destroyed) return upstream.destroy()
			open.add(upstream)
			const pair = { port, client, upstream }
			pairs.add(pair)
			const teardown = () => {
				pairs.delete(pair)
				client.destroy()
				upstream.destroy()
			}
			upstream.on('error', teardown)
			upstream.once('close', () => {
				open.delete(upstream)
				teardown()
			})
			client.once('close', teardown)
			client.pipe(upstream)
			upstream.pipe(client)
		})
	})
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject)
		server.listen(0, '127.0.0.1', () => resolve())
	})
	const { port } = server.address() as net.AddressInfo
	return {
		port,
		url: `http://127.0.0.1:${port}`,
		routes,
		holdReplies(backendPort) {
			for (const { port, client, upstream } of pairs) {
				if (port !== backendPort) continue
				// Still read (and drop), so that the backend's death is noticed at once.
				upstream.unpipe(client)
				upstream.on('data', () => {})
				upstream.resume()
			}
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const s of open) s.destroy()
				server.close(() => resolve())
			}),
	}
}
