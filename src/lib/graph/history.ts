// Undo and redo for expansions: a list of applied steps and a stack of undone ones. Pure, so
// the explorer can keep it in $state and put `applied` in the URL.
export interface History<T> {
	applied: T[];
	undone: T[];
}

export function pushStep<T>(h: History<T>, step: T): History<T> {
	return { applied: [...h.applied, step], undone: [] };
}

export function undoStep<T>(h: History<T>): History<T> {
	if (!h.applied.length) return h;
	return {
		applied: h.applied.slice(0, -1),
		undone: [...h.undone, h.applied[h.applied.length - 1]!]
	};
}

export function redoStep<T>(h: History<T>): History<T> {
	if (!h.undone.length) return h;
	return { applied: [...h.applied, h.undone[h.undone.length - 1]!], undone: h.undone.slice(0, -1) };
}
