import { Skeleton } from "@mg/ui/skeleton";

export default function Loading() {
  return (
    <div className="grid gap-8" role="status" aria-busy aria-label="Loading">
      <div className="grid gap-2">
        <Skeleton className="h-4 w-32" />
        <Skeleton className="h-8 w-64" />
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Skeleton className="h-64 rounded-xl" />
        <Skeleton className="h-64 rounded-xl" />
      </div>
    </div>
  );
}
