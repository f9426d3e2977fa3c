import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata: Metadata = { title: "Events" };

export default function Page() {
  return <ComingSoon title="Events" what="The fleet-wide feed of SIM lifecycle events" />;
}
