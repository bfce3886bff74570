/**
 * Rule 4: production tables carry Pulumi's `protect` option, the twin of the article's Terraform
 * `lifecycle { prevent_destroy = true }`. Resource options are not resource properties, so this
 * reads `opts.protect` from the engine. It is a stack policy so it judges the stack's final state:
 * in it `tagsAll` already holds tags a provider's `defaultTags` added.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { PRODUCTION_DEFAULTS, ProductionConfig, TABLE, configOf, describe, productionSchema, productionTag, violation } from "./lib";

export const productionProtect: StackValidationPolicy = {
  name: "dynamodb-production-protect",
  description: "Production-tagged DynamoDB tables must have the Pulumi protect resource option (Terraform prevent_destroy).",
  severity: "critical",
  configSchema: { properties: { ...productionSchema } },
  remediationSteps: "Pass { protect: true, retainOnDelete: true } in the table's resource options (or protect on its component).",
  validateStack: (args, report) => {
    const cfg = configOf<ProductionConfig>(args, PRODUCTION_DEFAULTS);
    for (const r of args.resources) {
      if (r.type !== TABLE) continue;
      const prod = productionTag(r.props, r.provider, cfg);
      if (!prod.evidence || r.opts.protect === true) continue;
      report(violation(`${describe(r.type, r.name, r.props)}, a production table (${prod.evidence})`, "resource option protect", r.opts.protect,
        "`pulumi destroy`, a replacing change or deleting the code would delete the table and its data",
        "pass { protect: true, retainOnDelete: true } in its resource options, or protect: true on the component that creates it " +
        "(the SDK copies protect to children); Terraform: lifecycle { prevent_destroy = true }"), r.urn);
    }
  },
};
