import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { authProxy } from "./proxy";

const request = (path: string, cookie?: string) =>
  new NextRequest(`http://localhost:3000${path}`, cookie ? { headers: { cookie } } : undefined);

describe("authProxy", () => {
  it("sends a signed-out visitor of a console page to sign-in, remembering the page", () => {
    const response = authProxy(request("/users?x=1"));
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("http://localhost:3000/sign-in?next=%2Fusers%3Fx%3D1");
  });

  it("lets public paths through without a session", () => {
    for (const path of [
      "/sign-in",
      "/sign-in?next=%2Fsims",
      "/api/health",
      "/api/auth/sign-in/email",
      "/forbidden",
    ]) {
      expect(authProxy(request(path)).headers.get("location"), path).toBeNull();
    }
  });

  it("passes the requested path on to server components when a session cookie is present", () => {
    const response = authProxy(request("/sims?status=active", "better-auth.session_token=abc.def"));
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("x-middleware-request-x-console-path")).toBe("/sims?status=active");
  });

  it("accepts the Secure-prefixed cookie used behind https", () => {
    const response = authProxy(request("/audit", "__Secure-better-auth.session_token=abc.def"));
    expect(response.headers.get("location")).toBeNull();
  });
});
