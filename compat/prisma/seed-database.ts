// The seed-style query from issue 4, verbatim, against a client generated with --naming database.
// Copied into the generated project and run there: tsx seed-database.ts <customer id>
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });
const id = process.argv[2];
try {
  const charges = await prisma.charge.findMany({ where: { customer_id: id, receipt_url: { not: null } }, orderBy: { created: "desc" }, include: { payment_method: true } });
  console.log(JSON.stringify(charges.map((c) => [c.id, c.payment_method?.id ?? null])));
} finally {
  await prisma.$disconnect();
}
