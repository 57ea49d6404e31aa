import { createSecretKey, type KeyObject } from 'node:crypto';

/**
 * The access-token secret as a KeyObject, made once. Given a string, jsonwebtoken first tries to read it as a PEM
 * public key at every verification (which fails, and failing is costly: it was most of a socket handshake's time
 * and a part of every API request's); a KeyObject goes straight to the HMAC. Same key bytes as the string, so
 * tokens signed with the string stay valid.
 */
export const jwtKey = (secret: string): KeyObject => createSecretKey(Buffer.from(secret, 'utf8'));
