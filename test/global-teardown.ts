import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const db = (globalThis as Record<string, unknown>).__GREENTABLE_TEST_DB__ as { stop(): Promise<void>; dir: string } | undefined;
  if (!db) return;
  await db.stop();
  rmSync(db.dir, { recursive: true, force: true });
}
