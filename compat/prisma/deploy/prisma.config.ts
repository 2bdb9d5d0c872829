// `prisma migrate deploy` of a Ferry project's prisma/migrations (FERRY_PRISMA_MIGRATIONS) on
// DATABASE_URL, with Prisma's Wasm schema engine through the pg driver adapter: nothing to download.
import { defineConfig } from 'prisma/config'
import { PrismaPg } from '@prisma/adapter-pg'

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'schema.prisma',
  migrations: { path: process.env.FERRY_PRISMA_MIGRATIONS! },
  async adapter() {
    // idle connections do not hold the process once deploy is done (see exit-when-done.cjs)
    const factory = new PrismaPg({ connectionString: process.env.DATABASE_URL!, allowExitOnIdle: true })
    const connect = factory.connect.bind(factory)
    // adapter-pg's executeScript splits a migration at every ';', dollar-quoted bodies included; the
    // native schema engine users run sends it to the server whole, and so does this
    factory.connect = async () => {
      const adapter: any = await connect()
      adapter.executeScript = async (script: string) => {
        try {
          await adapter.client.query(script)
        } catch (error) {
          adapter.onError(error)
        }
      }
      return adapter
    }
    return factory
  },
})
