export * from "./common";
export * from "./organization";
export * from "./members";
export * from "./auth";
export * from "./audit";
