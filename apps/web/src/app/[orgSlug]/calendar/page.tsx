import { Suspense } from "react";
import type { Metadata } from "next";
import { CalendarSkeleton, CalendarView } from "./calendar-view";

export const metadata: Metadata = { title: "Calendar" };

export default function CalendarPage() {
  return (
    <Suspense fallback={<CalendarSkeleton />}>
      <CalendarView />
    </Suspense>
  );
}
