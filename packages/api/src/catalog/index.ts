export * from "./features";
export * from "./plan-bullets";
