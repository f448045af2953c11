// The body of POST /api/curations: one correction (graph/curation.ts curationRequest) with why
// and, without an access token, who makes it.
import { z } from 'zod';
import { curationRequest, MAX_BY, MAX_WHY } from '../../../graph/curation.js';

export const curationMetaBody = z.object({
	why: z.string().trim().max(MAX_WHY, `must be at most ${MAX_WHY} characters`).default(''),
	by: z.string().trim().min(1).max(MAX_BY, `must be at most ${MAX_BY} characters`).optional()
});

export const curationBody = curationRequest;
