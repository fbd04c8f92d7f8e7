export type FormStatus = "ACTIVE" | "ARCHIVED";
