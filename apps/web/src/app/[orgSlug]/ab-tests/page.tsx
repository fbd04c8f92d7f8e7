import type { Metadata } from "next";
import { AbTestsView } from "./ab-tests-view";

export const metadata: Metadata = { title: "A/B tests" };

export default function AbTestsPage() {
  return <AbTestsView />;
}
