// The demo organisation lives with the domain, in lib/demo/seed-demo.ts. This path stays while
// db/prepare.ts imports it by name.
export * from "@/lib/demo/seed-demo";
