import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships wasm + data files; loading it from node_modules keeps .next/server small
  // and lets one process reopen its data dir quickly (see shared/toolchain.md §6).
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
