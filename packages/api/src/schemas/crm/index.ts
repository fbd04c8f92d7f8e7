// The CRM's input schemas, shared by the web forms and the procedures' `.input()`.
export * from "./activity";
export * from "./companies";
export * from "./contact-import";
export * from "./contact-lists";
export * from "./contacts";
export * from "./crm-settings";
export * from "./custom-fields";
export * from "./deals";
export * from "./duplicates";
export * from "./exports";
export * from "./merge";
export * from "./pipelines";
export * from "./saved-views";
export * from "./segment";
export * from "./tasks";
