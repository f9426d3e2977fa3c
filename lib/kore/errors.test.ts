import { describe, expect, it } from "vitest";
import {
  GENERIC_ERROR_MESSAGE,
  INTERNAL_ERROR_MESSAGE,
  KoreError,
  LOCAL_ERROR_CODES,
  toSafeError,
  userMessageFor,
} from "./errors";

/** sim-api.md §14.3, code → the upstream's own title (the raw text users must not see). */
const SPEC_CODES: Record<number, string> = {
  20001: "Unknown parameters",
  20002: "Missing parameters",
  20003: "Authenticate",
  20004: "Invalid filter combination",
  20404: "Not Found",
  20429: "Too Many Requests",
  20500: "Internal error",
  20503: "Service unavailable",
  33000: "Generic error",
  33004: "Service unavailable / overloaded",
  33010: "Conflicting update",
  33101: "Invalid parameter value",
  33102: "Parameter missing",
  33103: "Paging information invalid",
  33104: "Configuration incomplete",
  33105: "Transition invalid",
  33107: "SIM not found",
  33108: "Rate plan not found",
  33118: "Number of commands exceeded",
  33119: "SIM connectivity reset not allowed",
  33120: "SIM connectivity reset in progress",
  33121: "Invalid parameter combination",
  33122: "Rate plan is not allowed",
  33201: "Unauthorized",
  33203: "Messaging not allowed",
};

describe("userMessageFor", () => {
  it.each(Object.entries(SPEC_CODES))("gives code %s its own user-safe message", (code, title) => {
    const message = userMessageFor(Number(code));
    expect(message.length).toBeGreaterThan(20);
    expect(message).not.toBe(title);
    expect(message).not.toBe(GENERIC_ERROR_MESSAGE);
  });

  it("uses the wording the console promises for the common codes", () => {
    expect(userMessageFor(33010)).toBe("This SIM is already being updated; try again when it settles");
    expect(userMessageFor(33201)).toBe("Only SIMs in status New can move to another account");
    expect(userMessageFor(20404)).toBe("No SIM (or resource) with that identifier exists");
    expect(userMessageFor(20429)).toBe("KORE is rate-limiting requests; try again shortly");
  });

  it("gives distinct messages to codes that mean different things", () => {
    const messages = [33010, 33101, 33104, 33105, 33119, 33120, 33121, 33201].map(userMessageFor);
    expect(new Set(messages).size).toBe(messages.length);
  });

  it("has a message for each of the client's own codes", () => {
    for (const code of LOCAL_ERROR_CODES) expect(userMessageFor(code).length, code).toBeGreaterThan(10);
    expect(userMessageFor("timeout")).not.toBe(userMessageFor("network_error"));
  });

  it("falls back to a generic safe message for codes it does not know", () => {
    expect(userMessageFor(39999)).toBe(GENERIC_ERROR_MESSAGE);
    expect(userMessageFor("something_new")).toBe(GENERIC_ERROR_MESSAGE);
    expect(userMessageFor("toString")).toBe(GENERIC_ERROR_MESSAGE);
  });
});

describe("KoreError", () => {
  const raw = "Cannot update Sim DE123 while in state updating (internal ref 0xdead)";

  it("keeps the upstream text out of both the user message and Error.message", () => {
    const error = new KoreError({
      code: 33010,
      httpStatus: 400,
      detail: raw,
      operation: "POST /v1/Sims/DE123",
    });
    expect(error.userMessage).toBe(userMessageFor(33010));
    expect(error.message).not.toContain(raw);
    expect(error.message).toContain("33010");
    expect(error.detail).toBe(raw);
    expect(error.retryable).toBe(false);
    expect(error).toBeInstanceOf(Error);
  });

  it("becomes { code, message } for the browser", () => {
    const error = new KoreError({ code: 20429, httpStatus: 429, retryable: true, detail: raw });
    expect(toSafeError(error)).toEqual({ code: 20429, message: userMessageFor(20429) });
    expect(JSON.stringify(toSafeError(error))).not.toContain("0xdead");
  });

  it("hides anything that is not a KoreError behind a generic message", () => {
    const safe = toSafeError(new Error(`connect ECONNREFUSED with secret ${raw}`));
    expect(safe).toEqual({ code: "internal_error", message: INTERNAL_ERROR_MESSAGE });
    expect(toSafeError("a string")).toEqual({ code: "internal_error", message: INTERNAL_ERROR_MESSAGE });
  });
});
