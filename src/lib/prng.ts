// The browser's door to the project's one PRNG (graph/prng.ts).
export { prng } from '../../graph/prng.js';
