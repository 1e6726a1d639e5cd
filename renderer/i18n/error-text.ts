/** What a resident reads (and hears) for an error: what happened, then what to do next. */
export type ErrorText = { message: string; next: string };
