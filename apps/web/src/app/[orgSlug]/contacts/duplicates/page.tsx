import type { Metadata } from "next";
import { DuplicatesView } from "./duplicates-view";

export const metadata: Metadata = { title: "Duplicate contacts" };

export default function DuplicatesPage() {
  return <DuplicatesView />;
}
