import type { PageConfig } from "next";
import { HomePage } from "~/components/home-page";
import { StaticHead } from "~/components/static-head";
import { HOME, SITE } from "~/content/copy";

/** Static content: no client runtime (docs/lead-capture.md, "The product's own pages"). */
export const config: PageConfig = { unstable_runtimeJS: false };

export default function Home() {
  return (
    <>
      <StaticHead title={SITE.title} description={HOME.description} path="/" />
      <HomePage />
    </>
  );
}
