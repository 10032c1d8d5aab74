/** See server-memory.mjs. */
export function serverNodeOptions(env?: NodeJS.ProcessEnv): string;
