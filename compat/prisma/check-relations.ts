// Runs one `include` query per relation of every model through Prisma Client 7 and @prisma/adapter-pg,
// and writes what came back, keyed by row, for PrismaCompatibilityTest to compare with SQL.
// Usage: tsx check-relations.ts <generated client dir> <spec.json> <result.json>   (DATABASE_URL set)
// spec: { checks: [{ model, relation, key: [fields], targetKey: [fields] }] }
// result: { "<model>.<relation>": { "<row key>": ["<related row key>", ...sorted] } }
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";

type Check = { model: string; relation: string; key: string[]; targetKey: string[] };

const [clientDir, specFile, resultFile] = process.argv.slice(2);
const { PrismaClient } = await import(pathToFileURL(`${clientDir}/client.ts`).href);
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });
const spec: { checks: Check[] } = JSON.parse(readFileSync(specFile, "utf8"));

// Dates print as ISO instants; the Java side formats date/timestamp key columns the same way.
const text = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));
const keyOf = (row: Record<string, unknown>, fields: string[]) => fields.map((f) => text(row[f])).join("|");

const results: Record<string, Record<string, string[]>> = {};
try {
  for (const check of spec.checks) {
    const rows = await prisma[check.model].findMany({ include: { [check.relation]: true } });
    const byRow: Record<string, string[]> = {};
    for (const row of rows) {
      const related = row[check.relation];
      const list = related == null ? [] : Array.isArray(related) ? related : [related];
      byRow[keyOf(row, check.key)] = list.map((r: Record<string, unknown>) => keyOf(r, check.targetKey)).sort();
    }
    results[`${check.model}.${check.relation}`] = byRow;
  }
} finally {
  await prisma.$disconnect();
}
writeFileSync(resultFile, JSON.stringify(results));
console.log(`checked ${spec.checks.length} relations`);
