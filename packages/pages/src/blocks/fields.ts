/** Field shorthands for the editor's side panel (textarea, never Puck's richtext: pages hold plain text). */
export const textField = (label: string) => ({ type: "text" as const, label });
export const areaField = (label: string) => ({ type: "textarea" as const, label });
export const numberField = (label: string, min = 1, max = 10_000) => ({ type: "number" as const, label, min, max });
export const selectField = <V extends string>(label: string, options: readonly { label: string; value: V }[]) => ({ type: "select" as const, label, options: [...options] });
export const radioField = <V extends string>(label: string, options: readonly { label: string; value: V }[]) => ({ type: "radio" as const, label, options: [...options] });

export const ALIGN_OPTIONS = [
  { label: "Left", value: "left" },
  { label: "Centered", value: "center" },
] as const;
export const TONE_OPTIONS = [
  { label: "Plain", value: "plain" },
  { label: "Tinted", value: "tinted" },
  { label: "Brand color", value: "brand" },
] as const;
export const YES_NO = [
  { label: "No", value: "no" },
  { label: "Yes", value: "yes" },
] as const;
