/**
 * A table's Region against its replicas and witness, when the table names no `region` of its own and
 * so lives in the provider's Region (the Pulumi stack's `aws:region`, toTerraform's `region` option):
 * a global table has one replica per Region and never one in the table's own Region (AWS rule
 * "replica.region", model/aws-rules.ts). With `region` set, model/validate-features.ts checks it.
 * A state backend's `region` is what backend.tf names, but its bucket and lock table are created in the
 * provider's Region: the two must agree, or `terraform init` looks for the bucket where it is not.
 */
import { ProblemList } from "./errors";
import { citeRule } from "./aws-rules";
import { Blueprint, tablesOf } from "./stack";
import { StateBackendBlueprint } from "./state-backend";

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

export function assertBackendInProviderRegion(blueprints: Blueprint<unknown>[], providerRegion: string | undefined): void {
  if (providerRegion === undefined) return;
  for (const b of blueprints.filter((x): x is StateBackendBlueprint<unknown> => x.kind === "TerraformStateBackend")) {
    if (b.region === undefined || b.region === providerRegion) continue;
    const problems = new ProblemList();
    problems.add(`TerraformStateBackend "${b.name}".region`, b.region,
      `is not the provider's Region (${providerRegion}), where the state bucket and lock table are created; backend.tf would send terraform init to the wrong Region`,
      `deploy the backend in ${b.region} (stack config aws:region: ${b.region}, or toTerraform's region option), or leave region out so backend.tf names the provider's Region`);
    problems.throwIfAny(`TerraformStateBackend "${b.name}"`);
  }
}
