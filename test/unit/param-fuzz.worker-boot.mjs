// Worker entry for param-fuzz.test.ts: registers tsx in this thread, then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./param-fuzz.worker.ts');
