// A free TCP port on loopback for a server a test starts itself.
import { createServer } from 'node:net';

export const freePort = (): Promise<number> => new Promise((resolve, reject) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const a = s.address();
    s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
  });
  s.on('error', reject);
});
