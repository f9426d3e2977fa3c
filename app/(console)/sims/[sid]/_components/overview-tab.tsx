"use client";

import { can, type Role } from "@/lib/auth/permissions";
import type { SimDetail } from "@/lib/sims/sim-detail";
import { Card } from "./card";
import { DeleteSim } from "./delete-sim";
import type { Finished } from "./finished-panel";
import { MoveSim } from "./move-sim";
import { ResetConnectivity } from "./reset-connectivity";
import { SettingsForm } from "./settings-form";
import { SettingsSummary } from "./settings-summary";
import { StatusChange } from "./status-change";
import { StatusExplainer } from "./status-explainer";

type Props = {
  detail: SimDetail;
  role: Role;
  onWrite: () => void;
  onFinished: (finished: Finished) => void;
};

/** Status and what can be done about it, then settings, then what cannot be undone. */
export function OverviewTab({ detail, role, onWrite, onFinished }: Props) {
  const { sim } = detail;
  const user = { role };
  return (
    <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
      <Card id="status-heading" title="Status">
        <StatusExplainer status={sim.status} statusSince={detail.statusSince} />
        <StatusChange sim={sim} role={role} onWrite={onWrite} />
      </Card>
      {can(user, "sims.reset") ? (
        <Card
          id="reset-heading"
          title="Reset connectivity"
          description="Detaches the device from the network so it attaches again: the first thing to try when a device is online but not passing data."
        >
          <ResetConnectivity sim={sim} role={role} onWrite={onWrite} />
        </Card>
      ) : null}
      <Card id="settings-heading" title="Settings" className="xl:col-span-2">
        {can(user, "sims.update") ? (
          <SettingsForm sim={sim} onWrite={onWrite} />
        ) : (
          <SettingsSummary sim={sim} />
        )}
      </Card>
      {can(user, "sims.move") ? (
        <Card id="move-heading" title="Move to another account">
          <MoveSim sim={sim} onWrite={onWrite} onMoved={onFinished} />
        </Card>
      ) : null}
      {can(user, "sims.delete") ? (
        <Card id="delete-heading" title="Delete SIM">
          <DeleteSim sim={sim} onWrite={onWrite} onDeleted={onFinished} />
        </Card>
      ) : null}
    </div>
  );
}
