import pkg from "@/package.json";

/** The console's version, as released (package.json). */
export const APP_VERSION: string = pkg.version;
