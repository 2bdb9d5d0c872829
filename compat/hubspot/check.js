// Drives HubSpot's official Node client (@hubspot/api-client) against a HubSpot API at HUBSPOT_BASE
// and prints what it read as one JSON object, for HubSpotClientCompatibilityTest to check.
// Every call goes through the client's own request building, paging models and deserialisers.
'use strict';
const hubspot = require('@hubspot/api-client');

const client = new hubspot.Client({ accessToken: process.env.HUBSPOT_TOKEN, basePath: process.env.HUBSPOT_BASE });
const types = ['contacts', 'companies', 'deals', 'tickets', 'line_items', 'products', 'quotes', process.env.HUBSPOT_CUSTOM];

async function listAll(type, properties) {
  const ids = [];
  let after;
  let pages = 0;
  do {
    const page = await client.crm.objects.basicApi.getPage(type, 100, after, properties);
    page.results.forEach((o) => ids.push(o.id));
    after = page.paging && page.paging.next ? page.paging.next.after : undefined;
    pages++;
  } while (after);
  return { count: ids.length, pages, first: ids[0] };
}

async function main() {
  const out = { objects: {}, archived: {}, properties: {} };
  for (const type of types) {
    const definitions = await client.crm.properties.coreApi.getAll(type, false);
    out.properties[type] = definitions.results.map((p) => `${p.name}:${p.type}:${p.fieldType}`);
    out.objects[type] = await listAll(type, definitions.results.slice(0, 5).map((p) => p.name));
  }
  // the typed contacts API, with every property, and the archived listing
  const contactsPage = await client.crm.contacts.basicApi.getPage(100, undefined,
    ['email', 'ferry_interests', 'ferry_is_vip', 'ferry_signup_day', 'ferry_loyalty_points']);
  out.firstContact = contactsPage.results[0].properties;
  out.firstContactCreatedAt = contactsPage.results[0].createdAt.toISOString();
  const archived = await client.crm.contacts.basicApi.getPage(100, undefined, ['email'], undefined, undefined, true);
  out.archived.contacts = archived.results.map((o) => o.id);

  // search: a filter group with two filters, sorted descending, paged twice
  const request = {
    filterGroups: [{ filters: [
      { propertyName: 'lifecyclestage', operator: 'EQ', value: 'customer' },
      { propertyName: 'createdate', operator: 'GTE', value: process.env.HUBSPOT_SINCE },
    ] }],
    sorts: [{ propertyName: 'createdate', direction: 'DESCENDING' }],
    properties: ['email', 'lifecyclestage', 'createdate'],
    limit: 50,
  };
  const first = await client.crm.contacts.searchApi.doSearch(request);
  const second = await client.crm.contacts.searchApi.doSearch({ ...request, after: first.paging.next.after });
  out.search = {
    total: first.total,
    ids: first.results.concat(second.results).map((o) => o.id),
    created: first.results.concat(second.results).map((o) => o.properties.createdate),
    stages: [...new Set(first.results.map((o) => o.properties.lifecyclestage))],
  };

  // associations v4: a batch read of companies' contacts, and one deal's companies paged
  const companies = await client.crm.companies.basicApi.getPage(10);
  const batch = await client.crm.associations.v4.batchApi.getPage('companies', 'contacts',
    { inputs: companies.results.map((c) => ({ id: c.id })) });
  out.associations = batch.results.map((r) => ({
    from: r._from.id,
    to: r.to.map((t) => t.toObjectId),
    labels: [...new Set(r.to.flatMap((t) => t.associationTypes.map((a) => `${a.category}:${a.typeId}:${a.label ?? ''}`)))],
  }));
  const deals = await client.crm.deals.basicApi.getPage(1);
  const dealCompanies = await client.crm.associations.v4.basicApi.getPage('deals', deals.results[0].id, 'companies');
  out.dealCompanies = { deal: deals.results[0].id, companies: dealCompanies.results.map((r) => r.toObjectId) };

  // owners, pipelines with stages, custom object schemas
  const owners = await client.crm.owners.ownersApi.getPage(undefined, undefined, 100);
  out.owners = owners.results.map((o) => `${o.id}:${o.email}`);
  const pipelines = await client.crm.pipelines.pipelinesApi.getAll('deals');
  out.pipelines = pipelines.results.map((p) => `${p.id}:${p.stages.map((s) => s.id).join(',')}`);
  const schemas = await client.crm.schemas.coreApi.getAll();
  out.schemas = schemas.results.map((s) => `${s.objectTypeId}:${s.name}:${s.properties.length}`);
  console.log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(`hubspot client failed: ${e.code || ''} ${e.message}`);
  process.exit(1);
});
