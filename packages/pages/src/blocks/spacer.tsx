import type { ComponentConfig } from "@puckeditor/core";
import type { BlockProps } from "../schema";
import { YES_NO, radioField } from "./fields";

export type SpacerProps = Omit<BlockProps<"Spacer">, "id">;

export const spacerBlock: ComponentConfig<SpacerProps> = {
  label: "Spacer",
  fields: {
    size: radioField("Height", [
      { label: "Small", value: "small" },
      { label: "Medium", value: "medium" },
      { label: "Large", value: "large" },
    ]),
    divider: radioField("Line", YES_NO),
  },
  defaultProps: { size: "medium", divider: "no" },
  render: ({ size, divider }) => <div className={`mg-spacer mg-spacer-${size}`}>{divider === "yes" ? <hr /> : null}</div>,
};
