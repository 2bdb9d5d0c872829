// The seed-style query from issue 4 in idiomatic Prisma names (the default naming).
// Copied into the generated project and run there: tsx seed-idiomatic.ts <customer id>
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });
const id = process.argv[2];
try {
  const charges = await prisma.charge.findMany({ where: { customerId: id, receiptUrl: { not: null } }, orderBy: { created: "desc" }, include: { paymentMethod: true } });
  console.log(JSON.stringify(charges.map((c) => [c.id, c.paymentMethod?.id ?? null])));
} finally {
  await prisma.$disconnect();
}
