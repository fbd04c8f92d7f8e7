import type { ComponentConfig } from "@puckeditor/core";
import type { BlockProps } from "../schema";
import { areaField, selectField, textField } from "./fields";
import { Paragraphs } from "./shared";

export type FeaturesProps = Omit<BlockProps<"Features">, "id">;

export const featuresBlock: ComponentConfig<FeaturesProps> = {
  label: "Feature grid",
  fields: {
    heading: textField("Heading"),
    intro: areaField("Introduction"),
    columns: selectField("Columns on wide screens", [
      { label: "2", value: "2" },
      { label: "3", value: "3" },
      { label: "4", value: "4" },
    ]),
    items: {
      type: "array",
      label: "Features",
      arrayFields: { icon: textField("Icon (an emoji, optional)"), title: textField("Title"), body: areaField("Text") },
      defaultItemProps: { icon: "", title: "Feature", body: "What it does for the visitor." },
      getItemSummary: (item) => item.title || "Feature",
    },
  },
  defaultProps: {
    heading: "Why people choose us",
    intro: "",
    columns: "3",
    items: [
      { icon: "", title: "Fast", body: "Say what is quick about it." },
      { icon: "", title: "Friendly", body: "Say who helps." },
      { icon: "", title: "Fair", body: "Say what it costs." },
    ],
  },
  render: ({ heading, intro, columns, items }) => (
    <section className="mg-block mg-features">
      <div className="mg-wrap">
        {heading ? <h2>{heading}</h2> : null}
        <Paragraphs text={intro} className="mg-lead" />
        <ul className={`mg-grid mg-cols-${columns}`}>
          {items.map((item, i) => (
            <li key={i} className="mg-card">
              {item.icon ? (
                <span className="mg-icon" aria-hidden="true">
                  {item.icon}
                </span>
              ) : null}
              {item.title ? <h3>{item.title}</h3> : null}
              <Paragraphs text={item.body} />
            </li>
          ))}
        </ul>
      </div>
    </section>
  ),
};
