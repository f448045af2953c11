// Domain errors the queries raise; the HTTP layer maps them to status codes.
export class NotFoundError extends Error {
	constructor(
		readonly what: string,
		readonly id: string
	) {
		super(`No ${what} with id "${id}"`);
	}
}

export class ForbiddenQueryError extends Error {}
