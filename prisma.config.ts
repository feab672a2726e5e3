import path from 'node:path'
import { PrismaPg } from '@prisma/adapter-pg'
import { defineConfig } from 'prisma/config'

// Generate never connects; the placeholder keeps the CLI from falling back to the native engine.
process.env.DATABASE_URL ??= 'postgresql://placeholder@127.0.0.1:5432/placeholder'

export default defineConfig({
	experimental: { adapter: true },
	engine: 'js',
	schema: path.join('prisma', 'schema.prisma'),
	migrations: { path: path.join('prisma', 'migrations') },
	async adapter() {
		return new PrismaPg({ connectionString: process.env.DATABASE_URL })
	},
})
