// Preloaded into the server process (node --import): see client-address.mjs.
import { installClientAddress } from "./client-address.mjs";

installClientAddress();
