import { randomBytes } from 'node:crypto';

/**
 * A version 7 UUID: 48 bits of Unix milliseconds, then random bits. Observation ids are time-ordered, so new rows
 * append to the primary-key index (instead of landing on random pages of a very large one) and "newest first" is
 * simply the id order. The importer gets the same from PostgreSQL (observation_uuid() in the migration).
 */
export function uuidv7(now = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
