import type { Metadata } from "next";
import { PagesView } from "./pages-view";

export const metadata: Metadata = { title: "Landing pages" };

export default function PagesPage() {
  return <PagesView />;
}
