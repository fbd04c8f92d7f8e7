/** Integration tests need a migrated database; say so plainly instead of failing obscurely. */
export default function setup(): void {
  if (!process.env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set. Run the tests with `pnpm test` (which prepares a database) or `pnpm test:integration`.");
  }
}
