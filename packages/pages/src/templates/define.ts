import type { PageBlock, PageData, PageSeo } from "../schema";

export interface PageTemplate {
  key: string;
  name: string;
  industry: string;
  description: string;
  seo: PageSeo;
  content: PageData;
}

type BlockInput = { [T in PageBlock["type"]]: { type: T; props: Omit<Extract<PageBlock, { type: T }>["props"], "id"> } }[PageBlock["type"]];

/** A template's blocks get stable ids (`<template>-<n>`); a page made from it gets fresh ones. */
export function defineTemplate(meta: Omit<PageTemplate, "content" | "seo"> & { seo: Omit<PageSeo, "noindex" | "socialImageUrl"> }, blocks: BlockInput[]): PageTemplate {
  return {
    ...meta,
    seo: { ...meta.seo, socialImageUrl: "", noindex: false },
    content: {
      root: { props: { title: meta.name } },
      content: blocks.map((b, i) => ({ type: b.type, props: { ...b.props, id: `${meta.key}-${i + 1}` } }) as PageBlock),
    },
  };
}
