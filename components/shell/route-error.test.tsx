import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RouteError } from "./route-error";

describe("RouteError (server render)", () => {
  it("keeps the page's heading and says what failed and what to do, without details", () => {
    const html = renderToString(
      <RouteError
        heading="SIMs"
        title="The SIM list could not be shown"
        retry={() => {}}
        otherAction={<span>Back to the SIM list</span>}
      />,
    );
    expect(html).toMatch(/<h1[^>]*>SIMs<\/h1>/);
    expect(html).toMatch(/role="alert"[\s\S]*The SIM list could not be shown/);
    expect(html).toMatch(/<button[^>]*type="button"[^>]*>Try again<\/button>/);
    expect(html).toContain("<span>Back to the SIM list</span>");
    expect(html).toContain("contact support if it keeps happening");
  });
});
