import type { ComponentConfig } from "@puckeditor/core";
import type { BlockProps } from "../schema";
import { ALIGN_OPTIONS, areaField, radioField, textField } from "./fields";
import { Paragraphs } from "./shared";

export type TextProps = Omit<BlockProps<"Text">, "id">;

export const textBlock: ComponentConfig<TextProps> = {
  label: "Text",
  fields: { heading: textField("Heading"), body: areaField("Text (a blank line starts a paragraph)"), align: radioField("Alignment", ALIGN_OPTIONS) },
  defaultProps: { heading: "", body: "Write something your visitors should know.", align: "left" },
  render: ({ heading, body, align }) => (
    <section className={`mg-block mg-text mg-align-${align}`}>
      <div className="mg-wrap mg-narrow">
        {heading ? <h2>{heading}</h2> : null}
        <Paragraphs text={body} />
      </div>
    </section>
  ),
};
