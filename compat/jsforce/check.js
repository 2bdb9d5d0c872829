// Drives jsforce against Ferry's Salesforce sandbox: logs in (client credentials, then JWT bearer and
// refresh token), describes, runs SOQL following queryMore, and runs a Bulk API 2.0 query job.
// Prints one JSON line of what it read; any error exits non-zero. Usage: node check.js <sandbox URL>
// with FERRY_JWT_KEY (a PEM private key file) and FERRY_CLIENT_ID/FERRY_CLIENT_SECRET/FERRY_USERNAME set.
const fs = require('fs');
const crypto = require('crypto');
const jsforce = require('jsforce');

const [url] = process.argv.slice(2);
const clientId = process.env.FERRY_CLIENT_ID;
const clientSecret = process.env.FERRY_CLIENT_SECRET;
const username = process.env.FERRY_USERNAME;

function jwtAssertion() {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = encode({ alg: 'RS256' }) + '.' + encode({ iss: clientId, sub: username, aud: url, exp: Math.floor(Date.now() / 1000) + 300 });
  const signature = crypto.createSign('RSA-SHA256').update(unsigned).sign(fs.readFileSync(process.env.FERRY_JWT_KEY));
  return unsigned + '.' + signature.toString('base64url');
}

async function main() {
  const report = {};
  const oauth2 = { clientId, clientSecret, loginUrl: url };
  const conn = new jsforce.Connection({ oauth2, loginUrl: url, version: '62.0' });
  const user = await conn.authorize({ grant_type: 'client_credentials' });
  report.orgId = user.organizationId;

  const jwtConn = new jsforce.Connection({ oauth2: { clientId, loginUrl: url }, loginUrl: url, version: '62.0' });
  await jwtConn.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwtAssertion() });
  report.jwtAccounts = (await jwtConn.query('SELECT Id FROM Account LIMIT 3')).records.length;

  const refreshed = await conn.oauth2.refreshToken(process.env.FERRY_REFRESH_TOKEN);
  report.refreshed = typeof refreshed.access_token === 'string' && refreshed.access_token.length > 20;

  const global = await conn.describeGlobal();
  report.objects = global.sobjects.map((o) => o.name);
  const task = await conn.sobject('Task').describe();
  const who = task.fields.find((f) => f.name === 'WhoId');
  report.taskWho = who.referenceTo;
  report.taskKeyPrefix = task.keyPrefix;
  const account = await conn.sobject('Account').describe();
  report.accountBilling = account.fields.filter((f) => f.compoundFieldName === 'BillingAddress').map((f) => f.name);
  report.accountRevenue = account.fields.find((f) => f.name === 'AnnualRevenue').type;

  let result = await conn.query('SELECT Id, Name, AccountId, SystemModstamp FROM Contact ORDER BY Id');
  const contacts = [...result.records];
  let pages = 1;
  while (!result.done) {
    result = await conn.queryMore(result.nextRecordsUrl);
    contacts.push(...result.records);
    pages++;
  }
  report.contacts = contacts.length;
  report.contactTotal = result.totalSize;
  report.contactPages = pages;
  report.contactIdsUnique = new Set(contacts.map((c) => c.Id)).size;
  report.contactPrefix = [...new Set(contacts.map((c) => c.Id.slice(0, 3)))];

  const deleted = await conn.query('SELECT Id, IsDeleted FROM Contact WHERE IsDeleted = true', { scanAll: true });
  report.deletedContacts = deleted.records.map((r) => r.Id);

  const bulkRecords = await (await conn.bulk2.query('SELECT Id, Name, Amount, CloseDate, SystemModstamp FROM Opportunity', { pollInterval: 50, pollTimeout: 20000 })).toArray();
  report.bulkOpportunities = bulkRecords.length;
  report.bulkIdsUnique = new Set(bulkRecords.map((r) => r.Id)).size;
  report.bulkFirst = bulkRecords[0];

  try {
    await conn.query('SELECT Nope FROM Account');
    report.badQuery = 'accepted';
  } catch (e) {
    report.badQuery = e.errorCode || e.name;
  }
  console.log(JSON.stringify(report));
}

main().catch((e) => {
  console.error(`jsforce failed: ${e.errorCode || e.name}: ${e.message}`);
  process.exit(1);
});
