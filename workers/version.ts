import pkg from "../package.json";

/** The deployed version, from package.json (bundled at build time). */
export const VERSION: string = pkg.version;
