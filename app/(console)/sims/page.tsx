import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata: Metadata = { title: "SIMs" };

export default function Page() {
  return <ComingSoon title="SIMs" what="The filterable, paged SIM table" />;
}
