/**
 * A table's Region against its replicas and witness, when the table names no `region` of its own and
 * so lives in the provider's Region (the Pulumi stack's `aws:region`, toTerraform's `region` option):
 * a global table has one replica per Region and never one in the table's own Region (AWS rule
 * "replica.region", model/aws-rules.ts). With `region` set, model/validate-features.ts checks it.
 */
import { ProblemList } from "./errors";
import { citeRule } from "./aws-rules";
import { Blueprint, tablesOf } from "./stack";

export function assertReplicasOutsideProviderRegion(blueprints: Blueprint<unknown>[], providerRegion: string | undefined): void {
  if (providerRegion === undefined) return;
  for (const t of tablesOf(blueprints)) {
    if (t.table.region !== undefined) continue;
    const problems = new ProblemList();
    const where = `${t.kind} "${t.name}"`;
    t.table.replicas.forEach((r, i) => {
      if (r.region === providerRegion) {
        problems.add(`${where}.replicas[${i}].region`, r.region, `is the table's own Region (the provider's, ${providerRegion}) (${citeRule("replica.region")})`,
          "replicate to a different Region, or set region to the Region the table should live in");
      }
    });
    if (t.table.globalTableWitness?.regionName === providerRegion) {
      problems.add(`${where}.globalTableWitness.regionName`, providerRegion, `is the table's own Region (the provider's) (${citeRule("mrsc.shape")})`,
        "choose the third Region of the set as the witness");
    }
    problems.throwIfAny(where);
  }
}
