// Preloaded into `prisma migrate deploy` by PrismaCheck.migrateDeploy (NODE_OPTIONS=--require). When
// deploy has finished, Prisma 6's CLI returns without exiting, and its Wasm schema engine leaves a
// 10-second timer behind, which held every deploy 10 s past its last query. Here no timer keeps the
// process alive on its own (idle pool connections neither: allowExitOnIdle in prisma.config.ts). A
// deploy cut short could not pass: the test checks deploy's output and the database afterwards.
const schedule = globalThis.setTimeout;
globalThis.setTimeout = function (...args) {
  const timer = schedule.apply(this, args);
  timer?.unref?.();
  return timer;
};
