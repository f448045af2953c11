// The bundled sample corpus: 85 abstracts in the listing-text format, loaded by `npm start`.
import path from 'node:path';
import { PROJECT_ROOT } from '../../graph/config.js';

export const SAMPLE_CORPUS = path.join(PROJECT_ROOT, 'ingest', 'sample', 'sample-corpus.txt');
