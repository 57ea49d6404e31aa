// A database-backed hook (a fresh app and its pool, a seeded world) takes a second on a quiet machine but can take
// tens of seconds when the 2-core machine is busy; a hook or test that stalls still fails, after 90 s.
jest.setTimeout(90_000);
