import { describe, expect, it } from "vitest";
import {
  cachedSessionUser,
  forgetSession,
  forgetUserSessions,
  rememberSessionUser,
  SESSION_CACHE_TTL_MS,
  sessionCacheGeneration,
} from "./session-cache";

const NOW = 1_000_000;
const FAR = NOW + 3_600_000;
let tokens = 0;
const token = () => `token-${++tokens}`;
const person = (id: string) => ({ id, role: "viewer" });

describe("session cache", () => {
  it("answers for a remembered session until the TTL has passed", () => {
    const t = token();
    rememberSessionUser(t, person("u1"), FAR, sessionCacheGeneration(), NOW);
    expect(cachedSessionUser(t, NOW + SESSION_CACHE_TTL_MS - 1)).toEqual(person("u1"));
    expect(cachedSessionUser(t, NOW + SESSION_CACHE_TTL_MS)).toBeNull();
    expect(cachedSessionUser(t, NOW)).toBeNull();
  });

  it("never answers past the session's own limit (expiry or refresh)", () => {
    const t = token();
    rememberSessionUser(t, person("u1"), NOW + 100, sessionCacheGeneration(), NOW);
    expect(cachedSessionUser(t, NOW + 99)).not.toBeNull();
    expect(cachedSessionUser(t, NOW + 100)).toBeNull();
  });

  it("forgets one session, or every session of a user", () => {
    const [a, b, c] = [token(), token(), token()];
    const generation = sessionCacheGeneration();
    rememberSessionUser(a, person("u1"), FAR, generation, NOW);
    rememberSessionUser(b, person("u1"), FAR, generation, NOW);
    rememberSessionUser(c, person("u2"), FAR, generation, NOW);

    forgetSession(a);
    expect(cachedSessionUser(a, NOW)).toBeNull();
    expect(cachedSessionUser(b, NOW)).not.toBeNull();

    forgetUserSessions("u1");
    expect(cachedSessionUser(b, NOW)).toBeNull();
    expect(cachedSessionUser(c, NOW)).toEqual(person("u2"));
  });

  it("does not remember a read that raced with a forget", () => {
    const t = token();
    const generation = sessionCacheGeneration();
    // The database read starts, then the user's role changes and their sessions are forgotten.
    forgetUserSessions("u1");
    rememberSessionUser(t, person("u1"), FAR, generation, NOW);
    expect(cachedSessionUser(t, NOW)).toBeNull();
  });
});
