export { GET, dynamic } from "./ready/route";
