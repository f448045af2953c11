// The worker thread's entry (run.ts): registers tsx, then runs the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
