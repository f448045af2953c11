import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/openapi';
import type { RequestHandler } from './$types';

const document = openApiDocument();

export const GET: RequestHandler = () => json(document);
