import "server-only";
import { EventEmitter } from "node:events";

/**
 * Nudges the queue worker of this process when a send has just committed rows to the queue, so
 * that mail leaves at once rather than at the next poll. Only a hint: the rows are in the database
 * and any worker finds them by polling.
 */
const globalForWake = globalThis as unknown as { mailroomOutboundWake?: EventEmitter };
export const outboundWake = (globalForWake.mailroomOutboundWake ??= new EventEmitter());

export const wakeOutbound = () => outboundWake.emit("wake");
