import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata: Metadata = { title: "Audit" };

export default function Page() {
  return <ComingSoon title="Audit" what="The audit trail of every change made through the console" />;
}
