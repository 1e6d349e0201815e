/** Thrown by request parsing: the router answers it with its status and `{ error: { code, message } }`. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Headers the answer carries besides the body (`Retry-After` on a 429). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

export const badRequest = (code: string, message: string): HttpProblem => new HttpProblem(400, code, message);
