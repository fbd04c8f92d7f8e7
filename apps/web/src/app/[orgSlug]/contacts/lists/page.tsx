import type { Metadata } from "next";
import { ListsView } from "./lists-view";

export const metadata: Metadata = { title: "Lists" };

export default function ListsPage() {
  return <ListsView />;
}
