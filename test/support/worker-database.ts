/**
 * Each jest worker has a database of its own, a copy of the migrated test database made by test/global-setup.ts:
 * with two workers (`npm test` runs the unit and e2e files on both cores), the test files that run side by side never
 * see each other's rows, and the counts a test takes before and after hold. Run before every e2e test file (the
 * project's setupFiles): GREENTABLE_TEST_DATABASE_URL is then this worker's database, for the test file and for the
 * app processes it starts.
 */
export const workerDatabaseName = (template: string, workerId: string) => `${template}_w${workerId}`;

const template = process.env.GREENTABLE_TEST_TEMPLATE_DATABASE_URL;
if (template) {
  const url = new URL(template);
  url.pathname = `/${workerDatabaseName(url.pathname.slice(1), process.env.JEST_WORKER_ID ?? '1')}`;
  process.env.GREENTABLE_TEST_DATABASE_URL = url.toString();
}
