import { describe, expect, it } from "vitest";
import {
  BadRequestError,
  ConflictError,
  FolioError,
  ForbiddenError,
  InternalError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  ServiceUnavailableError,
  UnauthorizedError,
  UnprocessableError,
  UnsupportedMediaTypeError,
  UriTooLongError,
  ValidationError,
  isFolioError,
  problemTypeUri,
} from "./errors.js";
import { PROBLEM_CONTENT_TYPE, internalServerProblem, toProblemDetails } from "./problem-details.js";

describe("error hierarchy", () => {
  const cases: [FolioError, number, string][] = [
    [new BadRequestError("bad"), 400, "bad-request"],
    [new ValidationError([{ pointer: "/query/limit", detail: "too big" }]), 400, "validation"],
    [new UnauthorizedError(), 401, "unauthorized"],
    [new ForbiddenError(), 403, "forbidden"],
    [new NotFoundError("post", "hello"), 404, "not-found"],
    [new MethodNotAllowedError(["GET"]), 405, "method-not-allowed"],
    [new ConflictError("post-already-published"), 409, "conflict"],
    [new PayloadTooLargeError(1024), 413, "payload-too-large"],
    [new UriTooLongError(), 414, "uri-too-long"],
    [new UnsupportedMediaTypeError("text/plain"), 415, "unsupported-media-type"],
    [new UnprocessableError("cannot"), 422, "unprocessable"],
    [new RateLimitedError(3), 429, "rate-limited"],
    [new ServiceUnavailableError(), 503, "service-unavailable"],
    [new InternalError("db exploded"), 500, "internal"],
  ];

  it.each(cases)("%s has its status and stable type URI", (err, status, slug) => {
    expect(err.status).toBe(status);
    expect(err.type).toBe(`https://folio.dev/problems/${slug}`);
    expect(err.title).not.toBe("");
    expect(err).toBeInstanceOf(Error);
    expect(err).toBeInstanceOf(FolioError);
    expect(isFolioError(err)).toBe(true);
    expect(err.name).toBe(err.constructor.name);
  });

  it("builds problem type URIs from slugs", () => {
    expect(problemTypeUri("not-found")).toBe("https://folio.dev/problems/not-found");
  });

  it("describes a missing resource with its id", () => {
    const err = new NotFoundError("post", "hello");
    expect(err.detail).toBe('post "hello" was not found');
    expect(err.message).toBe(err.detail);
    expect(new NotFoundError("author").detail).toBe("author was not found");
  });

  it("keeps the conflict code while the type stays generic", () => {
    const err = new ConflictError("post-already-published", "already live");
    expect(err.code).toBe("post-already-published");
    expect(err.type).toBe(problemTypeUri("conflict"));
    expect(err.detail).toBe("already live");
    expect(new NotFoundError("post").code).toBe("not-found");
  });

  it("sets Retry-After on rate limiting and unavailability, rounding up", () => {
    expect(new RateLimitedError(2.2).headers).toEqual({ "Retry-After": "3" });
    expect(new RateLimitedError(2.2).retryAfterSeconds).toBe(3);
    expect(new ServiceUnavailableError("draining", 10).headers).toEqual({ "Retry-After": "10" });
    expect(new ServiceUnavailableError("draining").headers).toBeUndefined();
    expect(new MethodNotAllowedError(["GET", "HEAD"]).headers).toEqual({ Allow: "GET, HEAD" });
  });

  it("copies field errors so later mutation of the input does not leak in", () => {
    const input = [{ pointer: "/body/title", detail: "required" }];
    const err = new ValidationError(input);
    input[0]!.detail = "changed";
    expect(err.errors).toEqual([{ pointer: "/body/title", detail: "required" }]);
  });

  it("keeps the cause", () => {
    const cause = new Error("socket closed");
    expect(new InternalError("query failed", { cause }).cause).toBe(cause);
  });
});

describe("isFolioError", () => {
  it("rejects plain errors and look-alikes without the brand", () => {
    expect(isFolioError(new Error("x"))).toBe(false);
    expect(isFolioError({ type: "t", title: "t", status: 400, code: "c" })).toBe(false);
    expect(isFolioError(null)).toBe(false);
    expect(isFolioError("not-found")).toBe(false);
  });

  it("recognises errors from another copy of the package through the global symbol", () => {
    const foreign = Object.assign(Object.create({ [Symbol.for("folio.error")]: true }) as object, {
      type: problemTypeUri("not-found"),
      title: "Not Found",
      status: 404,
      code: "not-found",
    });
    expect(foreign instanceof FolioError).toBe(false);
    expect(isFolioError(foreign)).toBe(true);
  });

  it("does not put the brand into serialised errors", () => {
    expect(Object.getOwnPropertySymbols(new ForbiddenError())).toEqual([]);
  });
});

describe("toProblemDetails", () => {
  it("maps an error to a plain problem object with context", () => {
    const problem = toProblemDetails(
      new ValidationError([{ pointer: "/query/limit", detail: "must be ≤ 100" }]),
      {
        instance: "/api/v1/posts",
        requestId: "req-1",
      },
    );
    expect(problem).toEqual({
      type: problemTypeUri("validation"),
      title: "Validation Failed",
      status: 400,
      detail: "The request contains invalid values.",
      instance: "/api/v1/posts",
      request_id: "req-1",
      errors: [{ pointer: "/query/limit", detail: "must be ≤ 100" }],
    });
    expect(Object.getPrototypeOf(problem)).toBe(Object.prototype);
  });

  it("omits keys without a value", () => {
    const problem = toProblemDetails(new ForbiddenError());
    expect(problem).toEqual({ type: problemTypeUri("forbidden"), title: "Forbidden", status: 403 });
    expect(Object.keys(problem)).toEqual(["type", "title", "status"]);
  });

  it("adds an error's extension members, never over the standard ones", () => {
    class StaleError extends FolioError {
      constructor() {
        super({
          slug: "version-conflict",
          title: "Version Conflict",
          status: 409,
          extensions: { current_version: 7, status: 200, type: "x", missing: undefined },
        });
      }
    }
    const problem = toProblemDetails(new StaleError(), { requestId: "r" });
    expect(problem).toEqual({
      type: problemTypeUri("version-conflict"),
      title: "Version Conflict",
      status: 409,
      request_id: "r",
      current_version: 7,
    });
  });

  it("never exposes an internal error's detail", () => {
    const problem = toProblemDetails(new InternalError("password=hunter2 in connection string"), {
      requestId: "r",
    });
    expect(JSON.stringify(problem)).not.toContain("hunter2");
    expect(problem).toEqual(internalServerProblem({ requestId: "r" }));
  });

  it("answers unknown errors generically", () => {
    const problem = internalServerProblem({ instance: "/x", requestId: "abc" });
    expect(problem.status).toBe(500);
    expect(problem.type).toBe(problemTypeUri("internal"));
    expect(problem.instance).toBe("/x");
    expect(problem.request_id).toBe("abc");
    expect(problem.detail).not.toMatch(/stack|Error:/);
    expect(PROBLEM_CONTENT_TYPE).toBe("application/problem+json");
  });
});
